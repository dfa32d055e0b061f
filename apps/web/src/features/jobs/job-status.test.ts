import { expect, it } from 'vitest';
import { EXPORT_STATUSES } from '@taskoverflow/contracts/values';
import { parseStatusFilter, statusFilterToSearch } from './job-status';

it('lists the states in the order an export goes through them', () => {
  expect(EXPORT_STATUSES).toEqual(['PENDING', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE']);
});

it('reads and writes the status filter of the URL, ignoring anything unknown', () => {
  expect(parseStatusFilter('?status=FAILURE')).toBe('FAILURE');
  expect(parseStatusFilter('?status=failure')).toBeNull();
  expect(parseStatusFilter('')).toBeNull();
  expect(statusFilterToSearch('RETRY')).toBe('?status=RETRY');
  expect(statusFilterToSearch(null)).toBe('');
});
