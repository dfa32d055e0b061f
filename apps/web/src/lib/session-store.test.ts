import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { fakeApi, user } from '../testing/fake-api';
import { apiRequest } from './api-client';
import { createDraftStore } from './drafts';
import { createSessionStore } from './session-store';

const ada = user({ email: 'ada@example.com' });
const isText = (value: unknown): value is string => typeof value === 'string';

function setUp() {
  const queryClient = new QueryClient();
  const drafts = createDraftStore(() => sessionStorage);
  const store = createSessionStore({ queryClient, drafts });
  const disconnect = store.connect();
  return { queryClient, drafts, store, disconnect };
}

describe('createSessionStore', () => {
  it('asks GET /auth/me once however often it is asked at the same time', async () => {
    const api = fakeApi([], { mode: 'accounts', user: ada });
    const { store, disconnect } = setUp();
    await Promise.all([store.check(), store.check()]);
    expect(api.requests.filter((request) => request.path === '/auth/me')).toHaveLength(1);
    expect(store.getState()).toEqual({ status: 'signed-in', user: ada });
    disconnect();
  });

  it('hears a 401 from any request, forgets the data, and keeps the drafts for the same user', async () => {
    const api = fakeApi([], { mode: 'accounts', user: ada });
    const { queryClient, drafts, store, disconnect } = setUp();
    await store.check();
    queryClient.setQueryData(['todos'], ['Ada’s todo']);
    drafts.write('todos:add', 'half typed');
    let notified = 0;
    store.subscribe(() => (notified += 1));

    api.accounts.user = null;
    await apiRequest('/todos').catch(() => undefined);
    expect(store.getState()).toMatchObject({ status: 'signed-out', reason: 'ended' });
    expect(notified).toBe(1);
    expect(queryClient.getQueryData(['todos'])).toBeUndefined();
    expect(drafts.read('todos:add', isText)).toBe('half typed');

    store.signedIn(ada);
    expect(drafts.read('todos:add', isText)).toBe('half typed');
    disconnect();
    // Once disconnected, 401s are none of its business.
    api.accounts.user = null;
    await apiRequest('/todos').catch(() => undefined);
    expect(store.getState().status).toBe('signed-in');
  });

  it('forgets the drafts too when the user signs out on purpose', async () => {
    fakeApi([], { mode: 'accounts', user: ada });
    const { drafts, store, disconnect } = setUp();
    await store.check();
    drafts.write('todos:add', 'half typed');
    store.signedOut();
    expect(store.getState()).toEqual({ status: 'signed-out', reason: 'signed-out', email: null });
    expect(drafts.hasAny()).toBe(false);
    disconnect();
  });

  it('shows the page unverified when GET /auth/me cannot answer', async () => {
    fakeApi([], { mode: 'accounts', user: ada }).on('GET /auth/me', () => ({
      status: 503,
      body: { error: 'Service Unavailable' },
    }));
    const { store, disconnect } = setUp();
    await store.check();
    expect(store.getState()).toEqual({ status: 'unverified' });
    disconnect();
  });
});
