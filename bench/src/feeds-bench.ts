/**
 * Calendar feeds on the real system (embedded PostgreSQL, API, worker, as
 * `npm start` runs them), with one feed over 10,000 todos:
 *  (a) fetch latency to the last byte: as calendar apps fetch (gzip), without gzip, and
 *      revalidated (304), each from one client in turn;
 *  (b) freshness: a todo edited → the feed's new ETag seen by a client polling every 10 ms;
 *  (c) debouncing: 1,000 edits as fast as 10 clients send them → renders made, and
 *      the time from the last edit to the feed showing it.
 */
import { get as httpGet } from 'node:http';
import pg from 'pg';
import { spawnSystem } from '@taskoverflow/launcher/testing';
import { report } from './report.js';
import { seedTodos } from './seed.js';
import { latencyRow, round } from './statistics.js';

const TODOS = Number(process.env.BENCH_FEED_TODOS ?? 10_000);
const FETCHES = Number(process.env.BENCH_FEED_FETCHES ?? 500);
const FRESHNESS_ROUNDS = Number(process.env.BENCH_FEED_ROUNDS ?? 50);
const BURST_EDITS = 1_000;
const BURST_CLIENTS = 10;
const POLL_MS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const json = { 'content-type': 'application/json' };

/** One GET to its last byte, as sent: node:http, which leaves gzip to the caller (fetch would decompress it, and time that). */
function get(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) =>
    httpGet(url, { headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode!));
    }).on('error', reject),
  );
}

/** Times sequential fetches of `url` with these headers, checking each answer's status. */
async function timeFetches(url: string, headers: Record<string, string>, status: number) {
  const times: number[] = [];
  for (let i = 0; i < FETCHES; i++) {
    const started = performance.now();
    const answered = await get(url, headers);
    times.push(performance.now() - started);
    if (answered !== status) throw new Error(`expected ${status}, got ${answered}`);
  }
  return times;
}

/** Polls the feed with If-None-Match until a new ETag comes; returns it. */
async function nextEtag(url: string, etag: string): Promise<string> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(POLL_MS)) {
    const response = await fetch(url, { headers: { 'if-none-match': etag } });
    await response.arrayBuffer();
    if (response.status === 200) return response.headers.get('etag')!;
  }
  throw new Error('the feed did not change within 30 s');
}

const system = await spawnSystem({ env: { NODE_ENV: 'production', LOG_LEVEL: 'warn' } });
const db = new pg.Client({ connectionString: system.databaseUrl });
try {
  await db.connect();
  await seedTodos(system.databaseUrl, TODOS);
  const api = `${system.baseUrl}/api/v1`;
  const created = await fetch(`${api}/feeds`, { method: 'POST', headers: json, body: '{}' });
  const feed = (await created.json()) as { id: string; url: string };
  const renders = async () =>
    (
      await db.query<{ n: number }>('SELECT render_count AS n FROM calendar_feeds WHERE id = $1', [
        feed.id,
      ])
    ).rows[0]!.n;
  const firstRenderStarted = performance.now();
  let first: Response;
  while ((first = await fetch(feed.url)).status !== 200) await sleep(POLL_MS);
  const firstRenderMs = performance.now() - firstRenderStarted;
  const text = await first.text();
  let etag = first.headers.get('etag')!;

  const rows: Record<string, string | number>[] = [
    latencyRow(
      `(a) GET, gzip (${TODOS} todos)`,
      await timeFetches(feed.url, { 'accept-encoding': 'gzip' }, 200),
    ),
    latencyRow(
      '(a) GET, no gzip',
      await timeFetches(feed.url, { 'accept-encoding': 'identity' }, 200),
    ),
    latencyRow(
      '(a) GET, If-None-Match → 304',
      await timeFetches(feed.url, { 'if-none-match': etag }, 304),
    ),
  ];

  const freshness: number[] = [];
  for (let round = 1; round <= FRESHNESS_ROUNDS; round++) {
    // Spaced as a person's edits are, so each measures a render after a quiet spell.
    await sleep(600);
    const edited = performance.now();
    await fetch(`${api}/todos/${round}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ title: `Edited ${round}` }),
    });
    etag = await nextEtag(feed.url, etag);
    freshness.push(performance.now() - edited);
  }
  rows.push(latencyRow('(b) edit → new ETag seen', freshness));

  await sleep(600);
  const rendersBefore = await renders();
  let next = 0;
  const burstStarted = performance.now();
  await Promise.all(
    Array.from({ length: BURST_CLIENTS }, async () => {
      while (next < BURST_EDITS) {
        const edit = ++next;
        await fetch(`${api}/todos/${(edit % 100) + 1}`, {
          method: 'PUT',
          headers: json,
          body: JSON.stringify({ title: `Burst ${edit}` }),
        });
      }
    }),
  );
  const lastEdit = performance.now();
  const burstMs = lastEdit - burstStarted;
  // The feed shows the last edit (the one numbered BURST_EDITS was sent last or nearly).
  for (;;) {
    const response = await fetch(feed.url);
    if ((await response.text()).includes(`SUMMARY:Burst ${BURST_EDITS}`)) break;
    await sleep(POLL_MS);
  }
  const settledMs = performance.now() - lastEdit;
  await sleep(1_000);
  rows.push({
    scenario: `(c) ${BURST_EDITS} edits in ${round(burstMs)} ms (${BURST_CLIENTS} clients)`,
    p50: (await renders()) - rendersBefore,
    p95: '',
    p99: '',
    max: round(settledMs),
    unit: 'renders; max = last edit → shown, ms',
  });
  report('feeds', rows, {
    todos: TODOS,
    feedBytes: Buffer.byteLength(text),
    firstRenderMs: round(firstRenderMs),
  });
  console.log(
    `feed: ${Buffer.byteLength(text)} bytes of text; first render seen after ${round(firstRenderMs)} ms`,
  );
} finally {
  await db.end();
  await system.stop();
}
