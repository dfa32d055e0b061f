import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { redactFeedSecrets } from '../src/lib/feed-path.js';
import { useLoggedApp } from './helpers/logged-app.js';
import { useTestApp } from './helpers/test-app.js';

const ctx = useTestApp();
const logged = useLoggedApp(ctx, 'debug');
const { lines } = logged;

describe('a feed’s secret', () => {
  it('never reaches the logs, whatever the fetch answers', async () => {
    const { body: feed } = await logged.http.post('/api/v1/feeds').send({}).expect(201);
    const path = new URL(feed.url).pathname;
    const secret = /\/feeds\/([^/]+)\.ics$/.exec(path)![1]!;
    await logged.http.get(path); // 503: no worker renders it here
    await logged.http.get(`${path}?x=1`);
    await logged.http.get(path.replace(/\.ics$/, '%2Eics')); // the same feed, the dot encoded
    await logged.http.get(`${path}x`).expect(404); // no route: masked all the same
    await logged.http.get(path.replace(secret, 'Z'.repeat(43))).expect(404);
    const { body: rotated } = await logged.http.post(`/api/v1/feeds/${feed.id}/rotate`).expect(200);
    await logged.http.get(new URL(rotated.url).pathname);
    await logged.http.get(path).expect(404);

    const completed = lines.filter((line) => line.includes('"request completed"'));
    expect(completed.filter((line) => line.includes('/feeds/[secret].ics'))).toHaveLength(6);
    expect(completed.filter((line) => line.includes('/feeds/[secret]"'))).toHaveLength(1);
    for (const logged of [secret, new URL(rotated.url).pathname.split('/').at(-1)!.slice(0, -4)])
      expect(lines.filter((line) => line.includes(logged))).toEqual([]);
  });

  it('is served without an error line, sent or revalidated', async () => {
    const { body: feed } = await logged.http.post('/api/v1/feeds').send({}).expect(201);
    // No worker here: the calendar a render would leave.
    const text = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
    await ctx.app.prisma.calendarFeed.update({
      where: { id: feed.id },
      data: { content: gzipSync(text), contentSha256: 'e'.repeat(64), sizeBytes: text.length },
    });
    const path = new URL(feed.url).pathname;
    const sent = await logged.http.get(path).expect(200);
    expect(sent.text).toBe(text);
    await logged.http.get(path).set('if-none-match', sent.headers.etag!).expect(304);
    const errors = lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    expect(errors).toEqual([]);
  });

  it('is masked in any URL that no route matched, with or without a query, but a feed’s id is not', () => {
    expect(redactFeedSecrets('/api/v1/feeds/abc_-123%2Eics?x=1')).toBe(
      '/api/v1/feeds/[secret]?x=1',
    );
    expect(redactFeedSecrets('/api/v1/feeds/00000000-0000-0000-0000-000000000000/rotate')).toBe(
      '/api/v1/feeds/00000000-0000-0000-0000-000000000000/rotate',
    );
  });
});
