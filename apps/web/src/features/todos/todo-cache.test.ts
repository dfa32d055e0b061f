import { describe, expect, it } from 'vitest';
import { todo } from '../../testing/fake-api';
import { patchCounts, patchPage, unsavedTodo } from './todo-cache';
import { PAGE_SIZE } from './todo-filters';

const now = new Date(2026, 2, 1);
const a = todo({ id: 1, title: 'a' });
const b = todo({ id: 2, title: 'b' });
const c = todo({ id: 3, title: 'c' });

describe('patchPage', () => {
  it('replaces an updated todo in place', () => {
    const done = { ...b, completed: true };
    expect(patchPage({ items: [a, b], total: 2 }, {}, 1, { before: b, after: done }, now)).toEqual({
      items: [a, done],
      total: 2,
    });
  });

  it('drops a todo that no longer matches, and a deleted one', () => {
    const active = { completed: false };
    expect(
      patchPage(
        { items: [a, b], total: 2 },
        active,
        1,
        { before: b, after: { ...b, completed: true } },
        now,
      ),
    ).toEqual({ items: [a], total: 1 });
    expect(patchPage({ items: [a, b], total: 2 }, {}, 1, { before: a, after: null }, now)).toEqual({
      items: [b],
      total: 1,
    });
  });

  it('appends a new todo to the last page only', () => {
    const fresh = unsavedTodo({ title: 'new', description: '', deadline_at: null }, now);
    expect(
      patchPage({ items: [a], total: 1 }, {}, 1, { before: null, after: fresh }, now).items,
    ).toEqual([a, fresh]);
    expect(
      patchPage({ items: [a], total: 60 }, {}, 1, { before: null, after: fresh }, now),
    ).toEqual({ items: [a], total: 61 });
    const full = {
      items: Array.from({ length: PAGE_SIZE }, (_, i) => todo({ id: i + 1, title: `${i}` })),
      total: PAGE_SIZE,
    };
    expect(patchPage(full, {}, 1, { before: null, after: fresh }, now)).toEqual({
      ...full,
      total: PAGE_SIZE + 1,
    });
    expect(
      patchPage(
        { items: [a], total: 1 },
        { completed: true },
        1,
        { before: null, after: fresh },
        now,
      ),
    ).toEqual({ items: [a], total: 1 });
  });

  it('puts a todo that starts to match at its place by id', () => {
    const reopened = { ...b, completed: false };
    const page = patchPage(
      { items: [a, c], total: 2 },
      { completed: false },
      1,
      { before: { ...b, completed: true }, after: reopened },
      now,
    );
    expect(page).toEqual({ items: [a, reopened, c], total: 3 });
  });
});

describe('patchCounts', () => {
  it('moves a todo between the status counts', () => {
    const counts = { all: 3, active: 2, completed: 1 };
    expect(
      patchCounts(counts, undefined, { before: a, after: { ...a, completed: true } }, now),
    ).toEqual({ all: 3, active: 1, completed: 2 });
    expect(patchCounts(counts, undefined, { before: null, after: b }, now)).toEqual({
      all: 4,
      active: 3,
      completed: 1,
    });
    expect(patchCounts(counts, 7, { before: null, after: b }, now)).toEqual(counts);
  });
});
