import type { ExportEvent, ExportStatus } from '@taskoverflow/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportAfterEvent } from '../../src/exports/export-event-state.js';
import { moveExport, type ExportChanges } from '../../src/exports/move-export.js';
import {
  createExportStore,
  listenToDatabaseEvents,
  type DatabaseEvents,
  type ExportEventState,
  type ExportStore,
} from '../../src/index.js';
import {
  createTestDatabaseClients,
  type TestDatabaseClients,
} from '../../src/testing/test-database-clients.js';

let db: TestDatabaseClients;
let events: DatabaseEvents;
let store: ExportStore;
const heard: { event: ExportEvent; state: ExportEventState | null }[] = [];

beforeAll(async () => {
  db = await createTestDatabaseClients();
  store = createExportStore(db.pool, { exportTtlMs: 60_000 });
  events = listenToDatabaseEvents(db.database.url, { warn: () => {} });
  events.onExportEvent((event, state) => heard.push({ event, state }));
  await vi.waitFor(() => expect(events.listening).toBe(true));
});
afterAll(async () => {
  await events.close();
  await db.close();
});

async function newExport(status: ExportStatus = 'STARTED') {
  const { id } = await db.prisma.calendarExport.create({
    data: { status, maxAttempts: 3, attempts: 1, startedAt: new Date() },
    select: { id: true },
  });
  return id;
}

const observe = async (id: string) => (await store.observe('everyone', id))!;

/** Moves the export, and @returns the event and state its change announced. */
async function announced(id: string, to: ExportStatus, data: ExportChanges) {
  heard.length = 0;
  await moveExport(db.pool, { id, to, data });
  expect(await events.sync()).toBe(true);
  const [last] = heard.filter(({ event }) => event.task_id === id).slice(-1);
  return last!;
}

const ended = () => {
  const finishedAt = new Date();
  return { finishedAt, expiresAt: new Date(finishedAt.getTime() + 60_000) };
};

describe('an export event as a status answer', () => {
  it('makes, with what was read before, the export a read after the change finds', async () => {
    const id = await newExport();
    const seen = await observe(id);
    const { event, state } = await announced(id, 'SUCCESS', {
      content: new Uint8Array([1, 2, 3]),
      contentEncoding: 'gzip',
      sizeBytes: 1234,
      contentSha256: 'ab'.repeat(32),
      todoCount: 100,
      eventCount: 99,
      progress: 1,
      ...ended(),
    });
    // The streams' event stays the contract's: the state is handed apart.
    expect(Object.keys(event).sort()).toEqual(
      ['at', 'attempts', 'owner_id', 'progress', 'task_id', 'task_status'].sort(),
    );
    const fromEvent = exportAfterEvent(seen, event, state);
    expect(fromEvent).toEqual((await observe(id)).summary);
    expect(fromEvent).toMatchObject({ status: 'SUCCESS', sizeBytes: 1234, todoCount: 100 });
  });

  it('carries an error that needs escaping as it was written', async () => {
    const id = await newExport();
    const seen = await observe(id);
    const lastError = 'line one\nline "two" \\ tab\t é ✓ END:VEVENT';
    const { event, state } = await announced(id, 'FAILURE', { lastError, ...ended() });
    expect(exportAfterEvent(seen, event, state)).toEqual((await observe(id)).summary);
  });

  it('leaves its state out when a long error would not fit in a notification: the caller reads', async () => {
    const id = await newExport();
    const seen = await observe(id);
    const { event, state } = await announced(id, 'FAILURE', {
      lastError: '"'.repeat(5_000),
      ...ended(),
    });
    expect(event.task_status).toBe('FAILURE');
    expect(state).toBeNull();
    expect(exportAfterEvent(seen, event, state)).toBeNull();
  });

  it('is not answered when it may be older than what was read', async () => {
    const id = await newExport();
    const failed = await announced(id, 'FAILURE', { lastError: 'first', ...ended() });
    // Started over from the monitor before the read: the FAILURE event is stale.
    await moveExport(db.pool, { id, to: 'PENDING', data: { finishedAt: null, expiresAt: null } });
    const seen = await observe(id);
    expect(seen.summary.status).toBe('PENDING');
    expect(exportAfterEvent(seen, failed.event, failed.state)).toBeNull();
  });

  it('is not answered for another export, another owner, or an export read from memory', async () => {
    const id = await newExport();
    const seen = await observe(id);
    const { event, state } = await announced(id, 'FAILURE', { lastError: 'x', ...ended() });
    const otherId = '00000000-0000-4000-8000-000000000000';
    const otherOwner = '00000000-0000-4000-8000-000000000001';
    expect(exportAfterEvent(seen, { ...event, task_id: otherId }, state)).toBeNull();
    expect(exportAfterEvent(seen, { ...event, owner_id: otherOwner }, state)).toBeNull();
    expect(exportAfterEvent({ ...seen, readAt: null }, event, state)).toBeNull();
  });
});
