import ICAL from 'ical.js';
import { readWithIcalJs, readWithNodeIcal } from '@taskoverflow/calendar/testing';
import nodeIcal from 'node-ical';
import { ownerFeedsJobKey } from '@taskoverflow/db';
import { get, type IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { fetchUntil } from '../helpers/fetch-until.js';
import { useTestApp } from '../helpers/test-app.js';
import { useTestWorker } from '../helpers/test-worker.js';

/** The real API and a real worker that renders the feeds, on this file's database. */
const ctx = useTestApp();
useTestWorker(ctx);

const pathOf = (url: string) => new URL(url).pathname;

async function createFeed(body: object = {}) {
  const { body: feed } = await ctx.http.post('/api/v1/feeds').send(body).expect(201);
  return feed as { id: string; url: string; webcal_url: string; name: string };
}

const rendered = (path: string) =>
  fetchUntil(ctx.http, path, (response) => response.status === 200);

/** The render jobs queued for the feed's owner (one job renders all of the owner's feeds). */
async function queuedRenders(feedId: string): Promise<number> {
  const { ownerId } = await ctx.app.prisma.calendarFeed.findUniqueOrThrow({
    where: { id: feedId },
  });
  const [row] = await ctx.app.prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ${ownerFeedsJobKey(ownerId)}`;
  return row!.n;
}

function summariesOf(ics: string): string[] {
  return new ICAL.Component(ICAL.parse(ics))
    .getAllSubcomponents('vevent')
    .map((event) => String(event.getFirstPropertyValue('summary')))
    .sort();
}

describe('a calendar feed', () => {
  it('is made with a secret URL given once, in https and webcal form, and stored only as a hash', async () => {
    const feed = await createFeed({ name: 'Work', completed: false, reminder_minutes: 30 });
    expect(feed).toMatchObject({
      name: 'Work',
      selection: { completed: false },
      reminder_minutes: 30,
      rendered_at: null,
    });
    const secret = /\/api\/v1\/feeds\/([A-Za-z0-9_-]{43})\.ics$/.exec(feed.url)?.[1];
    expect(secret).toBeDefined();
    expect(feed.webcal_url).toBe(feed.url.replace(/^http:/, 'webcal:'));
    const [row] = await ctx.app.prisma.$queryRaw<{ row: string }[]>`
      SELECT row_to_json(f)::text AS row FROM calendar_feeds AS f WHERE id = ${feed.id}::uuid`;
    expect(row!.row).not.toContain(secret);
    const { body: list } = await ctx.http.get('/api/v1/feeds').expect(200);
    expect(list).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(secret);
  });

  it('serves what the worker rendered: the selected todos, read alike by two parsers', async () => {
    await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'Open, dated', deadline_at: '2026-05-01T10:00:00' })
      .expect(201);
    await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'Done, dated', deadline_at: '2026-05-02T10:00:00', completed: true })
      .expect(201);
    await ctx.http.post('/api/v1/todos').send({ title: 'Open, undated' }).expect(201);
    const feed = await createFeed({ name: 'Open work', completed: false, reminder_minutes: 15 });
    const response = await rendered(pathOf(feed.url));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(new Date(response.headers['last-modified']!).getTime()).not.toBeNaN();

    expect(summariesOf(response.text)).toEqual(['Open, dated']);
    const parsed = Object.values(nodeIcal.sync.parseICS(response.text)).filter(
      (component) => component?.type === 'VEVENT',
    );
    expect(parsed.map((event) => (event as { summary: string }).summary)).toEqual(['Open, dated']);
    expect(response.text).toContain('X-WR-CALNAME:Open work');
    expect(response.text).toMatch(/REFRESH-INTERVAL;VALUE=DURATION:PT15M/);
    expect(response.text).toContain('TRIGGER:-PT15M');
  });

  it('answers 304 while nothing changed, and a new ETag within 2 s of an edit', async () => {
    const { body: todo } = await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'Before', deadline_at: '2026-06-01T09:00:00' })
      .expect(201);
    const feed = await createFeed();
    const path = pathOf(feed.url);
    const first = await rendered(path);
    const etag = first.headers.etag!;
    await ctx.http.get(path).set('if-none-match', etag).expect(304);
    await ctx.http.get(path).set('if-modified-since', first.headers['last-modified']!).expect(304);

    const editedAt = Date.now();
    await ctx.http.put(`/api/v1/todos/${todo.id}`).send({ title: 'After' }).expect(200);
    const changed = await fetchUntil(ctx.http, path, (response) => response.status === 200, {
      'if-none-match': etag,
    });
    const freshnessMs = Date.now() - editedAt;
    expect(changed.status).toBe(200);
    expect(freshnessMs).toBeLessThan(2_000);
    expect(changed.headers.etag).not.toBe(etag);
    expect(summariesOf(changed.text)).toEqual(['After']);
  });

  it('follows completion and deletion: a todo leaves the feed its selection no longer takes', async () => {
    const { body: todo } = await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'Leaves', deadline_at: '2026-06-01T09:00:00' })
      .expect(201);
    await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'Stays', deadline_at: '2026-06-02T09:00:00' })
      .expect(201);
    const path = pathOf((await createFeed({ completed: false })).url);
    const withBoth = await rendered(path);
    expect(summariesOf(withBoth.text)).toEqual(['Leaves', 'Stays']);

    await ctx.http.put(`/api/v1/todos/${todo.id}`).send({ completed: true }).expect(200);
    const afterCompletion = await fetchUntil(
      ctx.http,
      path,
      (r) => r.status === 200 && r.headers.etag !== withBoth.headers.etag,
    );
    expect(summariesOf(afterCompletion.text)).toEqual(['Stays']);

    await ctx.http.put(`/api/v1/todos/${todo.id}`).send({ completed: false }).expect(200);
    const back = await fetchUntil(
      ctx.http,
      path,
      (r) => r.status === 200 && r.headers.etag !== afterCompletion.headers.etag,
    );
    expect(summariesOf(back.text)).toEqual(['Leaves', 'Stays']);
    await ctx.http.delete(`/api/v1/todos/${todo.id}`).expect(200);
    const afterDeletion = await fetchUntil(
      ctx.http,
      path,
      (r) => r.status === 200 && r.headers.etag !== back.headers.etag,
    );
    expect(summariesOf(afterDeletion.text)).toEqual(['Stays']);
  });

  it('sends gzip as stored to a client that accepts it', async () => {
    const { url } = await createFeed();
    await rendered(pathOf(url));
    // node:http, which leaves the body as sent (supertest and fetch would decompress it).
    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      get(url, { headers: { 'accept-encoding': 'gzip' } }, resolve).on('error', reject),
    );
    const body = Buffer.concat(await response.toArray());
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(body).toString()).toMatch(/^BEGIN:VCALENDAR/);
  });

  it('is rendered a handful of times for 500 quick edits, ending with the last of them', async () => {
    const { body: todo } = await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'Edit 0', deadline_at: '2026-07-01T09:00:00' })
      .expect(201);
    const feed = await createFeed();
    await rendered(pathOf(feed.url));
    const before = await ctx.app.prisma.calendarFeed.findUniqueOrThrow({ where: { id: feed.id } });
    const editsStarted = Date.now();
    for (let edit = 1; edit <= 500; edit += 1)
      await ctx.http
        .put(`/api/v1/todos/${todo.id}`)
        .send({ title: `Edit ${edit}` })
        .expect(200);
    const editingMs = Date.now() - editsStarted;
    const last = await fetchUntil(ctx.http, pathOf(feed.url), (r) =>
      r.text.includes('SUMMARY:Edit 500'),
    );
    expect(summariesOf(last.text)).toEqual(['Edit 500']);
    // Settled: nothing more is queued for the feed.
    await expect.poll(() => queuedRenders(feed.id)).toBe(0);
    const after = await ctx.app.prisma.calendarFeed.findUniqueOrThrow({ where: { id: feed.id } });
    const renders = after.renderCount - before.renderCount;
    console.info(`500 edits in ${editingMs} ms: ${renders} renders`);
    expect(renders).toBeGreaterThan(0);
    // Renders start at least half a second apart: the first at once, then one per half second of edits.
    expect(renders).toBeLessThanOrEqual(Math.ceil(editingMs / 500) + 2);
  });

  it('shows when it was last fetched, and by which app', async () => {
    const feed = await createFeed();
    const appAgent = { 'user-agent': 'Calendar/1.0 CFNetwork Darwin' };
    await fetchUntil(ctx.http, pathOf(feed.url), (response) => response.status === 200, appAgent);
    await expect
      .poll(async () => (await ctx.http.get('/api/v1/feeds').expect(200)).body[0].last_fetched_by)
      .toBe(appAgent['user-agent']);
    const [listed] = (await ctx.http.get('/api/v1/feeds').expect(200)).body;
    expect(new Date(listed.last_fetched_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('rotates: the old URL answers 404 at once, the new one 200', async () => {
    const feed = await createFeed();
    await rendered(pathOf(feed.url));
    const { body: rotated } = await ctx.http.post(`/api/v1/feeds/${feed.id}/rotate`).expect(200);
    expect(rotated.id).toBe(feed.id);
    expect(rotated.url).not.toBe(feed.url);
    await ctx.http.get(pathOf(feed.url)).expect(404);
    await ctx.http.get(pathOf(rotated.url)).expect(200);
  });

  it('ends when deleted: its URL answers 404, and a second delete too', async () => {
    const feed = await createFeed();
    await rendered(pathOf(feed.url));
    await ctx.http.delete(`/api/v1/feeds/${feed.id}`).expect(204);
    await ctx.http.get(pathOf(feed.url)).expect(404);
    await ctx.http.delete(`/api/v1/feeds/${feed.id}`).expect(404);
    await ctx.http.post(`/api/v1/feeds/${feed.id}/rotate`).expect(404);
    await ctx.http.post('/api/v1/feeds/not-a-uuid/rotate').expect(404);
  });

  it('refuses bad settings with 400, and makes nothing', async () => {
    for (const body of [
      { name: '' },
      { name: 'x'.repeat(101) },
      { window: -1 },
      { reminder_minutes: 40_321 },
      { completed: 'yes' },
      { secret: 'mine' },
    ]) {
      const { body: error } = await ctx.http.post('/api/v1/feeds').send(body).expect(400);
      expect(error.error).toBe('Bad Request');
    }
    expect((await ctx.http.get('/api/v1/feeds').expect(200)).body).toEqual([]);
  });
});

describe('a feed’s calendar content', () => {
  it('has all-day events, the edit count, and the owner’s zone, rendered again when the zone changes', async () => {
    const { body: timed } = await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'Timed', deadline_at: '2026-03-30T09:00:00' })
      .expect(201);
    await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'All day', deadline_at: '2026-03-31' })
      .expect(201);
    await ctx.http.put(`/api/v1/todos/${timed.id}`).send({ description: 'edited' }).expect(200);
    const path = pathOf((await createFeed()).url);
    const floating = await rendered(path);
    expect(floating.text).toMatch(
      /\r\nSEQUENCE:1\r\nDTSTAMP:\d{8}T\d{6}Z\r\nDTSTART:20260330T090000\r\n/,
    );
    expect(floating.text).toContain(
      '\r\nDTSTART;VALUE=DATE:20260331\r\nDTEND;VALUE=DATE:20260401\r\n',
    );
    expect(floating.text).not.toContain('VTIMEZONE');

    await ctx.http.patch('/api/v1/auth/me').send({ time_zone: 'Europe/Berlin' }).expect(200);
    const zoned = await fetchUntil(
      ctx.http,
      path,
      (r) => r.status === 200 && r.headers.etag !== floating.headers.etag,
    );
    expect(zoned.text).toContain('\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n');
    expect(zoned.text).toContain('\r\nDTSTART;TZID=Europe/Berlin:20260330T090000\r\n');
    expect(zoned.text).toContain('\r\nDTSTART;VALUE=DATE:20260331\r\n');
  });
});

describe('a new user’s first feed', () => {
  it('shows a dated todo in the user’s zone and a date-only one as all day within 2 s, read alike by two parsers and as an export', async () => {
    await ctx.http.patch('/api/v1/auth/me').send({ time_zone: 'Europe/Berlin' }).expect(200);
    const path = pathOf((await createFeed({ name: 'Mine' })).url);
    const empty = await rendered(path);
    const added = Date.now();
    await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'Dentist', deadline_at: '2026-12-03T09:30:00' })
      .expect(201);
    await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'Holiday', deadline_at: '2026-12-31' })
      .expect(201);
    const changed = await fetchUntil(ctx.http, path, (r) => r.text.includes('SUMMARY:Holiday'), {
      'if-none-match': empty.headers.etag!,
    });
    expect(Date.now() - added).toBeLessThan(2_000);
    expect(changed.status).toBe(200);

    const events = readWithIcalJs(changed.text);
    expect(readWithNodeIcal(changed.text)).toEqual(events);
    expect(
      events.map(({ summary, allDay, start, end }) => ({ summary, allDay, start, end })),
    ).toEqual([
      // 09:30 in Berlin in winter (UTC+1); a deadline is a moment: it ends where it starts.
      {
        summary: 'Dentist',
        allDay: false,
        start: '2026-12-03T08:30:00Z',
        end: '2026-12-03T08:30:00Z',
      },
      // The day, with the exclusive end across the year's end.
      { summary: 'Holiday', allDay: true, start: '2026-12-31', end: '2027-01-01' },
    ]);

    // A one-shot export of the same todos holds the same events.
    const { body: created } = await ctx.http.post('/api/v1/todos/ical').send({}).expect(202);
    const exported = await fetchUntil(
      ctx.http,
      `/api/v1/todos/ical/${created.task_id}/result`,
      (r) => r.status === 200,
    );
    expect(readWithIcalJs(exported.text)).toEqual(events);
    expect(readWithNodeIcal(exported.text)).toEqual(events);
  });
});

describe('an unknown feed URL', () => {
  it('gets a plain 404, then 429 with Retry-After once a client has guessed too often', async () => {
    // An app of its own, so that the misses of other tests do not count.
    const app = await buildApp({ ...ctx.config, feedUnknownLimitPerMinute: 3 });
    try {
      await app.ready();
      const http = supertest(app.server);
      const { body } = await http.get(`/api/v1/feeds/${'a'.repeat(43)}.ics`).expect(404);
      expect(body).toEqual({ error: 'Not Found', message: 'No feed at this URL' });
      await http.get('/api/v1/feeds/short.ics').expect(404);
      await http.get(`/api/v1/feeds/${'c'.repeat(43)}.ics`).expect(404);
      const throttled = await http.get(`/api/v1/feeds/${'b'.repeat(43)}.ics`).expect(429);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
