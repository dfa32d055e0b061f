import { isExportStatus, isFinalExportStatus } from '@taskoverflow/contracts/values';
import { describe, expect, it } from 'vitest';
import {
  applyExportEvent,
  canDownload,
  describeExport,
  exportBadge,
  newIdempotencyKey,
  nextStatusPoll,
  pollDelay,
  upsertExport,
} from './export-tracking';
import { exportStatus } from '../../testing/fake-api';

describe('polling', () => {
  it('backs off from 0.5 s to at most 5 s', () => {
    const delays = Array.from({ length: 10 }, (_, polls) => pollDelay(polls));
    expect(delays.slice(0, 4)).toEqual([500, 750, 1125, 1688]);
    expect(delays.every((delay, i) => i === 0 || delay >= delays[i - 1]!)).toBe(true);
    expect(delays.at(-1)).toBe(5000);
  });

  it('stops at SUCCESS and FAILURE only', () => {
    expect(
      (['PENDING', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE'] as const).map(isFinalExportStatus),
    ).toEqual([false, false, false, true, true]);
  });
});

describe('following with events', () => {
  const event = {
    task_id: 'task-1',
    owner_id: 'owner-1',
    progress: 0.5,
    attempts: 1,
    at: '2026-03-01T10:00:01Z',
  };

  it('stops polling while events arrive, once finished, and once refused', () => {
    const running = { data: exportStatus({ task_status: 'STARTED' }), refused: false, updates: 1 };
    expect(nextStatusPoll(running, false)).toBe(750);
    expect(nextStatusPoll(running, true)).toBe(false);
    expect(
      nextStatusPoll({ ...running, data: exportStatus({ task_status: 'SUCCESS' }) }, false),
    ).toBe(false);
    expect(nextStatusPoll({ data: undefined, refused: true, updates: 1 }, false)).toBe(false);
    // A stream still live from the export before says nothing about this one.
    expect(nextStatusPoll({ data: undefined, refused: false, updates: 1 }, true)).toBe(750);
  });

  it('puts progress in, and fetches the whole status when the state changes', () => {
    const status = exportStatus({ task_status: 'STARTED', progress: 0.1 });
    expect(applyExportEvent(status, { ...event, task_status: 'STARTED' })).toEqual({
      status: { ...status, progress: 0.5, attempts: 1 },
      refetch: false,
    });
    expect(applyExportEvent(status, { ...event, task_status: 'SUCCESS' })).toEqual({
      status,
      refetch: true,
    });
    expect(applyExportEvent(undefined, { ...event, task_status: 'STARTED' }).refetch).toBe(true);
  });

  it('knows the five states', () => {
    expect(['PENDING', 'SUCCESS', 'DONE', 'toString', 1].map(isExportStatus)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('what the user is told', () => {
  it('describes each state', () => {
    expect(describeExport(exportStatus()).text).toMatch(/queued/i);
    expect(describeExport(exportStatus({ task_status: 'RETRY', attempts: 2 })).text).toBe(
      'Attempt 2 of 5 failed; retrying soon.',
    );
    expect(
      describeExport(exportStatus({ task_status: 'SUCCESS', event_count: 1, todo_count: 3 })).text,
    ).toBe('Ready: 1 event from 3 todos.');
    expect(describeExport(exportStatus({ task_status: 'FAILURE', attempts: 5 })).tone).toBe(
      'error',
    );
  });

  it('offers the file until it expires', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const ready = exportStatus({ task_status: 'SUCCESS', expires_at: '2026-03-02T10:00:00Z' });
    expect(canDownload(ready, now)).toBe(true);
    expect(canDownload({ ...ready, expires_at: '2026-03-01T11:00:00Z' }, now)).toBe(false);
    expect(exportBadge({ ...ready, expires_at: '2026-03-01T11:00:00Z' }, now).label).toBe(
      'Expired',
    );
    expect(canDownload(exportStatus(), now)).toBe(false);
  });
});

describe('upsertExport', () => {
  it('replaces a known export and puts a new one first', () => {
    const older = exportStatus({ task_id: 'old' });
    const started = exportStatus({ task_status: 'STARTED' });
    expect(upsertExport([exportStatus(), older], started)).toEqual([started, older]);
    expect(upsertExport([older], started)).toEqual([started, older]);
  });
});

it('makes v4 UUIDs for Idempotency-Key', () => {
  expect(newIdempotencyKey()).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
});
