import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, isClientError, onUnauthorized } from './api-client';

function answer(status: number, body: string | null, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn(() => Promise.resolve(new Response(body, { status, headers })));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => vi.unstubAllGlobals());

describe('apiRequest', () => {
  it('sends JSON and query parameters under /api/v1 and returns body and headers', async () => {
    const fetchMock = answer(201, '{"id":1}', { 'X-Total-Count': '7' });
    const { data, headers } = await apiRequest<{ id: number }>('/todos', {
      method: 'POST',
      query: { completed: false, window: undefined, limit: 5 },
      body: { title: 'Milk' },
    });
    expect(data).toEqual({ id: 1 });
    expect(headers.get('X-Total-Count')).toBe('7');
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/todos?completed=false&limit=5', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"title":"Milk"}',
      signal: undefined,
    });
  });

  it('turns a 400 into an ApiError with its field messages', async () => {
    answer(
      400,
      JSON.stringify({
        error: 'Bad Request',
        message: 'title must not be empty',
        fields: { title: 'must not be empty' },
      }),
    );
    const error = await refusal(apiRequest('/todos', { method: 'POST', body: {} }));
    expect(error).toMatchObject({
      status: 400,
      error: 'Bad Request',
      message: 'title must not be empty',
      fields: { title: 'must not be empty' },
    });
    expect(isClientError(error)).toBe(true);
  });

  it('keeps the status of an answer that is not JSON', async () => {
    answer(502, '<html>Bad gateway</html>');
    const error = await refusal(apiRequest('/todos'));
    expect(error).toMatchObject({ status: 502, fields: {}, message: 'The server answered 502.' });
    expect(isClientError(error)).toBe(false);
  });

  it('reads a quota’s 403, which has no message, with its error as the words to show', async () => {
    answer(
      403,
      JSON.stringify({
        error: 'Quota exceeded: at most 20 calendar feeds per user',
        quota: 'feeds',
        limit: 20,
        setting: 'QUOTA_FEEDS',
      }),
      { 'Content-Type': 'application/json' },
    );
    const error = await refusal(apiRequest('/feeds', { method: 'POST', body: {} }));
    expect(error.status).toBe(403);
    expect(error.message).toBe('Quota exceeded: at most 20 calendar feeds per user');
  });

  it('reads Retry-After of a 429', async () => {
    answer(429, '{"error":"Too Many Requests","message":"Slow down"}', { 'Retry-After': '30' });
    expect(await refusal(apiRequest('/todos/ical', { method: 'POST' }))).toMatchObject({
      status: 429,
      retryAfterSeconds: 30,
    });
  });

  it('reports an unreachable server as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(await refusal(apiRequest('/todos'))).toMatchObject({
      status: 0,
      error: 'Network Error',
    });
  });

  it('reads a 204 as no data', async () => {
    answer(204, null);
    expect((await apiRequest<undefined>('/auth/tokens/1', { method: 'DELETE' })).data).toBe(
      undefined,
    );
  });
});

describe('onUnauthorized', () => {
  const unauthorized = '{"error":"Unauthorized","message":"This session has ended"}';

  it('tells its listeners of every 401 until they unsubscribe', async () => {
    const heard: ApiError[] = [];
    const unsubscribe = onUnauthorized((error) => heard.push(error));
    answer(401, unauthorized);
    const error = await refusal(apiRequest('/todos'));
    expect(heard).toEqual([error]);
    expect(error.message).toBe('This session has ended');

    unsubscribe();
    await refusal(apiRequest('/todos'));
    expect(heard).toHaveLength(1);
  });

  it('stays quiet for a request whose 401 is its own answer, and for other refusals', async () => {
    const listener = vi.fn();
    const unsubscribe = onUnauthorized(listener);
    answer(401, unauthorized);
    await refusal(apiRequest('/auth/sign-in', { method: 'POST', expectUnauthorized: true }));
    answer(403, '{"error":"Forbidden"}');
    await refusal(apiRequest('/todos'));
    expect(listener).not.toHaveBeenCalled();
    unsubscribe();
  });
});
