import { readWithIcalJs, readWithNodeIcal } from '@taskoverflow/calendar/testing';
import { LOCAL_OWNER_ID } from '@taskoverflow/db';
import { describe, expect, it } from 'vitest';
import {
  calendarText,
  queueExport,
  uidOf,
  useWorkerTestContext,
  waitForStatus,
} from './helpers/worker-test-kit.js';

/**
 * What an export's calendar holds of each todo as stored: all-day deadlines,
 * the edit counter as SEQUENCE, and the owner's time zone (theirs, the
 * instance's, or floating), read back by two independent parsers.
 */
const ctx = useWorkerTestContext();

async function newUser(timeZone: string | null): Promise<string> {
  const [user] = await ctx.prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO users (email, time_zone)
    VALUES (${`user-${Math.random()}@example.com`}, ${timeZone}) RETURNING id::text`;
  return user!.id;
}

/** Stores todos of `ownerId` through SQL, as the API does (all-day deadlines are their midnight). */
async function seed(ownerId: string) {
  const todo = (title: string, deadline: string | null, allDay = false) =>
    ctx.prisma.todo.create({
      data: {
        ownerId,
        title,
        deadlineAt: deadline === null ? null : new Date(`${deadline}Z`),
        deadlineAllDay: allDay,
      },
    });
  const beforeDst = await todo('Before the spring change', '2026-03-27T09:00:00');
  const afterDst = await todo('After the spring change', '2026-03-30T09:00:00');
  const monthEnd = await todo('Rent', '2026-03-31T00:00:00', true);
  const gone = await todo('Deleted', '2026-03-28T10:00:00');
  await todo('No deadline', null);
  // Two edits, and an update that changes nothing (not an edit).
  await ctx.prisma.todo.update({ where: { id: afterDst.id }, data: { title: 'Moved' } });
  await ctx.prisma.todo.update({ where: { id: afterDst.id }, data: { description: 'twice' } });
  await ctx.prisma.todo.update({ where: { id: afterDst.id }, data: { description: 'twice' } });
  await ctx.prisma.todo.delete({ where: { id: gone.id } });
  return { beforeDst, afterDst, monthEnd };
}

async function exportFor(ownerId: string, env: Record<string, string> = {}) {
  const todos = await seed(ownerId);
  const created = await queueExport(ctx.pool, { ownerId, selection: {}, maxAttempts: 1 });
  await ctx.startWorker(env);
  const done = await waitForStatus(ctx.prisma, created.id, 'SUCCESS');
  return { todos, done, ics: calendarText(done).toString('utf8') };
}

describe('an export’s calendar', () => {
  it('has timed events in the owner’s zone at the same wall-clock time across DST, and all-day events as days', async () => {
    const { todos, done, ics } = await exportFor(await newUser('Europe/Berlin'));
    expect(done).toMatchObject({ todoCount: 4, eventCount: 3 });

    // One VTIMEZONE, which the timed events name; the all-day one has no zone.
    expect(ics.match(/^BEGIN:VTIMEZONE\r$/gm)).toHaveLength(1);
    expect(ics).toContain('\r\nTZID:Europe/Berlin\r\n');
    expect(ics).toContain('\r\nDTSTART;TZID=Europe/Berlin:20260327T090000\r\n');
    expect(ics).toContain('\r\nDTSTART;TZID=Europe/Berlin:20260330T090000\r\n');
    expect(ics).toContain('\r\nDTSTART;VALUE=DATE:20260331\r\nDTEND;VALUE=DATE:20260401\r\n');
    expect(ics).not.toContain('Deleted');

    // 09:00 in Berlin is 08:00 UTC in winter time (CET), 07:00 UTC in summer time (CEST).
    const expected = [
      {
        uid: uidOf(todos.beforeDst.id),
        allDay: false,
        start: '2026-03-27T08:00:00Z',
        sequence: 0,
      },
      { uid: uidOf(todos.afterDst.id), allDay: false, start: '2026-03-30T07:00:00Z', sequence: 2 },
      {
        uid: uidOf(todos.monthEnd.id),
        allDay: true,
        start: '2026-03-31',
        end: '2026-04-01',
        sequence: 0,
      },
    ];
    const icalJs = readWithIcalJs(ics);
    expect(icalJs).toMatchObject(expected);
    expect(readWithNodeIcal(ics)).toEqual(icalJs);
  });

  it('takes the instance’s zone (CALENDAR_TIME_ZONE) for an owner who chose none', async () => {
    const { ics } = await exportFor(LOCAL_OWNER_ID, { CALENDAR_TIME_ZONE: 'America/New_York' });
    expect(ics).toContain('\r\nDTSTART;TZID=America/New_York:20260327T090000\r\n');
    // New York is on EDT (-04:00) since 8 March.
    expect(readWithIcalJs(ics)[0]).toMatchObject({ start: '2026-03-27T13:00:00Z' });
  });

  it('floats for an owner who chose floating, whatever the instance’s zone', async () => {
    const { ics } = await exportFor(await newUser('floating'), {
      CALENDAR_TIME_ZONE: 'America/New_York',
    });
    expect(ics).not.toContain('VTIMEZONE');
    expect(ics).not.toContain('TZID');
    expect(ics).toContain('\r\nDTSTART:20260327T090000\r\n');
    const icalJs = readWithIcalJs(ics);
    expect(icalJs.map(({ start, sequence }) => ({ start, sequence }))).toEqual([
      { start: '2026-03-27T09:00:00', sequence: 0 },
      { start: '2026-03-30T09:00:00', sequence: 2 },
      { start: '2026-03-31', sequence: 0 },
    ]);
    expect(readWithNodeIcal(ics)).toEqual(icalJs);
  });
});
