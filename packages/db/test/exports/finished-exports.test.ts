import type { CalendarExportSummary } from '../../src/index.js';
import { describe, expect, it } from 'vitest';
import { createFinishedExports } from '../../src/exports/finished-exports.js';

const summary = (changes: Partial<CalendarExportSummary>) =>
  ({
    id: 'e1',
    ownerId: 'owner',
    status: 'SUCCESS',
    expiresAt: new Date(Date.now() + 60_000),
    ...changes,
  }) as CalendarExportSummary;

describe('finished exports in memory', () => {
  it('keeps a SUCCESS export, for its owner and the whole-queue scope only', () => {
    const finished = createFinishedExports();
    const kept = finished.keep(summary({}));
    expect(finished.get({ ownerId: 'owner' }, 'e1')).toBe(kept);
    expect(finished.get('everyone', 'e1')).toBe(kept);
    expect(finished.get({ ownerId: 'someone else' }, 'e1')).toBeUndefined();
  });

  it('keeps nothing that may still change, and nothing past its expiry', () => {
    const finished = createFinishedExports();
    for (const status of ['PENDING', 'STARTED', 'RETRY', 'FAILURE'] as const)
      finished.keep(summary({ id: status, status }));
    finished.keep(summary({ id: 'expired', expiresAt: new Date(Date.now() - 1) }));
    for (const id of ['PENDING', 'STARTED', 'RETRY', 'FAILURE', 'expired'])
      expect(finished.get('everyone', id)).toBeUndefined();
  });
});
