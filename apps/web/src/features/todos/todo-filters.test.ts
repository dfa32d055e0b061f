import { describe, expect, it } from 'vitest';
import { todo } from '../../testing/fake-api';
import {
  filtersToSearch,
  matchesSelection,
  pageCount,
  parseFilters,
  selectionOf,
} from './todo-filters';

describe('filters in the URL', () => {
  it('round-trips and leaves defaults out', () => {
    const filters = { status: 'active', window: 7, page: 3 } as const;
    expect(filtersToSearch(filters)).toBe('?status=active&window=7&page=3');
    expect(parseFilters(filtersToSearch(filters))).toEqual(filters);
    expect(filtersToSearch({ status: 'all', window: null, page: 1 })).toBe('');
  });

  it('ignores values it cannot use', () => {
    expect(parseFilters('?status=done&window=-2&page=0')).toEqual({
      status: 'all',
      window: null,
      page: 1,
    });
    expect(parseFilters('?window=1.5')).toMatchObject({ window: null });
  });
});

describe('selection', () => {
  it('maps status and window to the API parameters', () => {
    expect(selectionOf({ status: 'all', window: null })).toEqual({});
    expect(selectionOf({ status: 'completed', window: 0 })).toEqual({ completed: true, window: 0 });
  });

  it('matches like the API: status, and a deadline up to N days ahead, past ones included', () => {
    const now = new Date(2026, 2, 1, 12, 0);
    const past = todo({ id: 1, title: 'a', deadline_at: '2025-12-31T09:00:00' });
    const inSixDays = todo({
      id: 2,
      title: 'b',
      deadline_at: '2026-03-07T11:00:00',
      completed: true,
    });
    const none = todo({ id: 3, title: 'c' });
    expect(
      [past, inSixDays, none].filter((item) => matchesSelection(item, { window: 6 }, now)),
    ).toEqual([past, inSixDays]);
    expect(matchesSelection(inSixDays, { window: 5 }, now)).toBe(false);
    expect(matchesSelection(inSixDays, { completed: false }, now)).toBe(false);
  });

  it('counts at least one page', () => {
    expect([0, 50, 51].map(pageCount)).toEqual([1, 1, 2]);
  });
});
