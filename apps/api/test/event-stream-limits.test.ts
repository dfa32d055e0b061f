import { adminQuery } from '@taskoverflow/db/testing';
import http from 'node:http';
import net from 'node:net';
import { describe, expect, inject, it, vi } from 'vitest';
import { connectEventStream } from '../src/testing/index.js';
import { useTestApp } from './helpers/test-app.js';

const ctx = useTestApp({ EVENT_STREAMS_PER_CLIENT: '2', EVENT_STREAMS_MAX: '4' });
const port = () => (ctx.app.server.address() as net.AddressInfo).port;
const eventsPath = '/api/v1/monitor/events';

/** Opens an event stream from `localAddress` (each 127.x address is another client); resolves on the answer's head. */
function openStream(localAddress: string) {
  return new Promise<{ status: number; body: () => Promise<string>; close: () => void }>(
    (resolve, reject) => {
      const request = http.get(
        { host: '127.0.0.1', port: port(), path: eventsPath, localAddress, agent: false },
        (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          const ended = new Promise((done) => response.on('end', done));
          resolve({
            status: response.statusCode!,
            body: async () => (await ended, text),
            close: () => request.destroy(),
          });
        },
      );
      request.on('error', reject);
    },
  );
}

/** Retry spacing for checks that open streams: the server frees a place a moment after a close. */
const eventually = { timeout: 15_000, interval: 100 };

describe('event stream limits', () => {
  it('lets one client hold its share of streams (then 429), and all clients the total (then 503)', async () => {
    const open = [await openStream('127.0.0.1'), await openStream('127.0.0.1')];
    expect(open.map((stream) => stream.status)).toEqual([200, 200]);
    const refused = await openStream('127.0.0.1');
    expect(refused.status).toBe(429);
    expect(JSON.parse(await refused.body())).toEqual({
      error: 'Too Many Requests',
      message: expect.stringContaining('2 event streams'),
    });

    open.push(await openStream('127.0.0.2'), await openStream('127.0.0.3'));
    const full = await openStream('127.0.0.4');
    expect(full.status).toBe(503);
    expect(JSON.parse(await full.body())).toMatchObject({ error: 'Service Unavailable' });

    // A closed stream gives its place back.
    open.shift()!.close();
    await vi.waitFor(async () => {
      const again = await openStream('127.0.0.1');
      again.close();
      expect(again.status).toBe(200);
    }, eventually);
    for (const stream of open) stream.close();
  });

  it('drops a reader that stopped reading instead of buffering for it', async () => {
    const stalled = net.connect({ host: '127.0.0.1', port: port(), localAddress: '127.0.0.9' });
    stalled.write(`GET ${eventsPath} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    await new Promise((resolve) => stalled.once('data', resolve));
    stalled.pause();

    // 1,000 events of 7 kB (7 MB): beyond the kernel's socket buffers and what we keep for a reader.
    await ctx.app.prisma.$executeRawUnsafe(
      `SELECT pg_notify('calendar_export_events', json_build_object('task_id', gen_random_uuid(), 'task_status', 'STARTED',
         'progress', 0, 'attempts', 1, 'at', now(), 'padding', $1::text)::text) FROM generate_series(1, 1000)`,
      'x'.repeat(7_000),
    );

    // The stalled client's place is free again: it was dropped.
    await vi.waitFor(async () => {
      const streams = [await openStream('127.0.0.9'), await openStream('127.0.0.9')];
      for (const stream of streams) stream.close();
      expect(streams.map((stream) => stream.status)).toEqual([200, 200]);
    }, eventually);
    stalled.destroy();
  });
});

describe('ready, only while changes are received', () => {
  it('ends streams when the LISTEN connection is lost, and says ready again once it is back', async () => {
    const { adminUrl } = inject('testDatabaseServer');
    const database = new URL(ctx.database.url).pathname.slice(1);
    const before = await connectEventStream(`http://127.0.0.1:${port()}${eventsPath}`);
    await before.waitFor((events) => events.some((e) => e.event === 'ready'));

    await adminQuery(adminUrl, `ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS false`);
    try {
      await adminQuery(
        adminUrl,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}' AND query LIKE 'LISTEN%'`,
      );
      await before.ended;
      const during = await connectEventStream(`http://127.0.0.1:${port()}${eventsPath}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(during.events.filter((e) => e.event === 'ready')).toEqual([]);

      await adminQuery(adminUrl, `ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS true`);
      await during.waitFor((events) => events.some((e) => e.event === 'ready'), 15_000);
      await during.close();
    } finally {
      await adminQuery(adminUrl, `ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS true`);
    }
  });
});

describe('behind a trusted proxy (TRUST_PROXY=1)', () => {
  const proxied = useTestApp({ TRUST_PROXY: '1', EVENT_STREAMS_PER_CLIENT: '2' });

  it('counts an IPv6 /64 as one client, as the rate limits do', async () => {
    const { port: proxiedPort } = proxied.app.server.address() as net.AddressInfo;
    const from = (client: string) =>
      connectEventStream(`http://127.0.0.1:${proxiedPort}${eventsPath}`, {
        'x-forwarded-for': client,
      });
    const streams = [await from('2001:db8:1:2::a'), await from('2001:db8:1:2:ffff::b')];
    try {
      // A third address of the same /64 is the same client; the next /64 is another.
      streams.push(await from('2001:db8:1:2:1234::c'), await from('2001:db8:1:3::a'));
      expect(streams.map((stream) => stream.response.status)).toEqual([200, 200, 429, 200]);
    } finally {
      await Promise.all(streams.map((stream) => stream.close()));
    }
  });
});
