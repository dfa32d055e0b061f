import { beforeEach, describe, expect, it } from 'vitest';
import { createDraftStore } from './drafts';

const isText = (value: unknown): value is string => typeof value === 'string';

describe('createDraftStore', () => {
  beforeEach(() => sessionStorage.clear());

  it('keeps drafts in sessionStorage, where a new store (a reload) finds them', () => {
    const store = createDraftStore(() => sessionStorage);
    store.write('todos:add', 'Buy milk');
    expect(createDraftStore(() => sessionStorage).read('todos:add', isText)).toBe('Buy milk');
    expect(store.hasAny()).toBe(true);
    store.write('todos:add', undefined);
    expect(store.read('todos:add', isText)).toBeUndefined();
    expect(store.hasAny()).toBe(false);
  });

  it('returns only drafts of the expected shape, whatever the storage holds', () => {
    const store = createDraftStore(() => sessionStorage);
    store.write('todos:add', { title: 1 });
    expect(store.read('todos:add', isText)).toBeUndefined();
    sessionStorage.setItem('taskoverflow:drafts', '{not json');
    expect(store.read('todos:add', isText)).toBeUndefined();
    expect(store.hasAny()).toBe(false);
  });

  it('gives the drafts back to the user who typed them, and drops them for anyone else', () => {
    const store = createDraftStore(() => sessionStorage);
    store.write('todos:add', 'typed before anyone was known');
    store.claim('ada');
    expect(store.read('todos:add', isText)).toBe('typed before anyone was known');
    store.write('todos:add', 'Ada’s');
    store.claim('ada');
    expect(store.read('todos:add', isText)).toBe('Ada’s');
    store.claim('bob');
    expect(store.read('todos:add', isText)).toBeUndefined();
  });

  it('forgets everything on clear', () => {
    const store = createDraftStore(() => sessionStorage);
    store.claim('ada');
    store.write('todos:edit:1', 'x');
    store.clear();
    expect(store.hasAny()).toBe(false);
    expect(sessionStorage.getItem('taskoverflow:drafts')).toBeNull();
  });

  it('keeps drafts in memory where there is no storage, or it refuses', () => {
    const none = createDraftStore(() => null);
    none.write('todos:add', 'in memory');
    expect(none.read('todos:add', isText)).toBe('in memory');

    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    } as unknown as Storage;
    const store = createDraftStore(() => refusing);
    store.write('todos:add', 'still kept');
    expect(store.read('todos:add', isText)).toBe('still kept');
  });
});
