// What was typed into the forms, kept outside the components: when a session
// ends, the page shows the sign-in screen instead of the forms, and the forms
// find their text again once the same person has signed in. Kept in
// sessionStorage (this tab only, gone when it closes), so a reload of the
// sign-in screen loses nothing either; in memory where there is no storage.

const STORAGE_KEY = 'taskoverflow:drafts';

interface Stored {
  /** Who typed them: the user signed in when they were written (null: not known yet). */
  owner: string | null;
  drafts: Record<string, unknown>;
}

export interface DraftStore {
  /** The draft kept under `key`, if there is one of the expected shape. */
  read<T>(key: string, isValid: (value: unknown) => value is T): T | undefined;
  /** Keeps `value` under `key`; `undefined` forgets it. */
  write(key: string, value: unknown): void;
  /** Forgets the draft under `key` if it is still `value` (a save succeeded, and nothing new was typed since). */
  release(key: string, value: unknown): void;
  /** Whether anything is kept. */
  hasAny(): boolean;
  /**
   * `userId` has signed in: the drafts stay if that user (or somebody not yet
   * known) typed them, and are dropped if another user did, so that one
   * person's text never shows in another's forms.
   */
  claim(userId: string): void;
  /** Forgets everything (a deliberate sign-out: the next person at this browser sees nothing). */
  clear(): void;
}

const empty = (): Stored => ({ owner: null, drafts: {} });

function isStored(value: unknown): value is Stored {
  if (typeof value !== 'object' || value === null) return false;
  const { owner, drafts } = value as Partial<Stored>;
  return (
    (owner === null || typeof owner === 'string') &&
    typeof drafts === 'object' &&
    drafts !== null &&
    !Array.isArray(drafts)
  );
}

/**
 * A draft store in `storage` (read on every call, so that stores, tabs'
 * reloads and tests never disagree), or in memory when there is none or it
 * refuses (storage turned off, quota).
 */
export function createDraftStore(storage: () => Storage | null): DraftStore {
  let memory = empty();

  const load = (): Stored => {
    let text: string | null | undefined;
    try {
      text = storage()?.getItem(STORAGE_KEY);
    } catch {
      return memory;
    }
    if (text === undefined) return memory;
    if (text === null) return empty();
    try {
      const parsed: unknown = JSON.parse(text);
      return isStored(parsed) ? parsed : empty();
    } catch {
      return empty(); // Not ours, or from an older page: nothing to restore.
    }
  };
  const save = (stored: Stored) => {
    memory = stored;
    try {
      const target = storage();
      if (!target) return;
      if (stored.owner === null && Object.keys(stored.drafts).length === 0)
        target.removeItem(STORAGE_KEY);
      else target.setItem(STORAGE_KEY, JSON.stringify(stored));
    } catch {
      // Kept in memory: enough for a session that ends while the page stays open.
    }
  };

  return {
    read(key, isValid) {
      const value = load().drafts[key];
      return isValid(value) ? value : undefined;
    },
    write(key, value) {
      const stored = load();
      const drafts = { ...stored.drafts };
      if (value === undefined) delete drafts[key];
      else drafts[key] = value;
      save({ ...stored, drafts });
    },
    release(key, value) {
      const kept = load().drafts[key];
      if (kept !== undefined && JSON.stringify(kept) === JSON.stringify(value))
        this.write(key, undefined);
    },
    hasAny: () => Object.keys(load().drafts).length > 0,
    claim(userId) {
      const stored = load();
      if (stored.owner === userId) return;
      save({ owner: userId, drafts: stored.owner === null ? stored.drafts : {} });
    },
    clear: () => save(empty()),
  };
}

function sessionStorageOrNull(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // Some browsers throw on access when storage is turned off.
  }
}

/** The page's drafts. */
export const drafts = createDraftStore(sessionStorageOrNull);
