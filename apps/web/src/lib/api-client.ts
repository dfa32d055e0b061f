// Relative URLs under the API's prefix: the API serves this app in production.
import { API_PREFIX } from '@taskoverflow/contracts/values';

/** Any answer that is not 2xx (or no answer at all: `status` 0), in the API's one error shape. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    /** Per-field messages of a 400, keyed by body field name. */
    readonly fields: Readonly<Record<string, string>> = {},
    /** Seconds from a 429's `Retry-After`. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** A refusal as a notice says it, e.g. `Could not delete “Milk”: Database unavailable.` */
export function failureMessage(action: string, error: unknown): string {
  const reason = error instanceof ApiError ? error.message : 'Something went wrong';
  return `${action}: ${reason.replace(/[.!]?$/, '.')}`;
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Query parameters; `undefined` ones are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * A 401 is this request's own answer (a wrong password, nobody signed in
   * yet), not a session that ended: listeners of {@link onUnauthorized} are not told.
   */
  expectUnauthorized?: boolean;
}

type UnauthorizedListener = (error: ApiError) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Calls `listener` whenever the API answers 401 to a request that needed a
 * signed-in caller (the session ended, or was revoked); returns the unsubscribe.
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Calls the API and returns the parsed JSON body; throws `ApiError` for anything but 2xx. */
export async function apiRequest<T>(
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const { method = 'GET', query = {}, body, headers = {}, signal, expectUnauthorized } = options;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) search.set(name, String(value));
  }
  const url = `${API_PREFIX}${path}${search.size > 0 ? `?${search.toString()}` : ''}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(
      0,
      'Network Error',
      'Cannot reach the server. Check your connection and try again.',
    );
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && !expectUnauthorized)
      for (const listener of unauthorizedListeners) listener(error);
    throw error;
  }
  // 204 No Content (a revocation, a sign-out) has no body to parse.
  const data: unknown = response.status === 204 ? undefined : await response.json();
  return { data: data as T, headers: response.headers };
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  // A proxy in front of the API may answer with HTML; keep the status, invent the text.
  const body = (await response.json().catch(() => null)) as Partial<Record<string, unknown>> | null;
  const text = (value: unknown): string | null =>
    typeof value === 'string' && value !== '' ? value : null;
  const fields: Record<string, string> = {};
  if (body?.fields && typeof body.fields === 'object') {
    for (const [name, message] of Object.entries(body.fields)) {
      if (typeof message === 'string') fields[name] = message;
    }
  }
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return new ApiError(
    response.status,
    text(body?.error) ?? (response.statusText || 'Error'),
    text(body?.message) ?? text(body?.error) ?? fallback,
    fields,
    Number.isNaN(retryAfter) ? null : retryAfter,
  );
}

/** True for errors that asking again cannot fix (the request itself was refused). */
export function isClientError(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}
