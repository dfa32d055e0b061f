import { createFeedStore, LOCAL_OWNER_ID, ownerFeedsJobKey } from '@taskoverflow/db';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  queueExport,
  seedManyTodos,
  seedTodos,
  useWorkerTestContext,
  waitFor,
} from './helpers/worker-test-kit.js';

const ctx = useWorkerTestContext();

/** A feed of the local owner, made as the API makes one (its first render is queued by the insert). */
async function createFeed(data: { windowDays?: number; completed?: boolean } = {}) {
  return ctx.prisma.calendarFeed.create({
    data: {
      ownerId: LOCAL_OWNER_ID,
      name: 'Mine',
      secretSha256: crypto.randomUUID().padEnd(64, '0'),
      ...data,
    },
  });
}

const findFeed = (id: string) => ctx.prisma.calendarFeed.findUniqueOrThrow({ where: { id } });
/** The owner's render jobs in the queue. */
const queued = async (ownerId = LOCAL_OWNER_ID) =>
  (
    await ctx.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ${ownerFeedsJobKey(ownerId)}`
  )[0]!.n;

describe('the render-owner-feeds task', () => {
  it('renders the selected todos, each stamped with its own last change, and keeps the ETag while nothing changes', async () => {
    await seedTodos(ctx.prisma, [
      { title: 'Open', deadlineAt: new Date('2026-05-01T10:00:00Z') },
      { title: 'Done', deadlineAt: new Date('2026-05-02T10:00:00Z'), completed: true },
    ]);
    const feed = await createFeed({ completed: false });
    await ctx.startWorker();
    const first = await waitFor(async () => {
      const found = await findFeed(feed.id);
      return found.renderCount === 1 && found;
    });
    const text = gunzipSync(first.content!).toString();
    expect(text.match(/SUMMARY:.*/g)).toEqual(['SUMMARY:Open']);
    const stamp = /DTSTAMP:(\S+)/.exec(text)![1];
    expect(/LAST-MODIFIED:(\S+)/.exec(text)![1]).toBe(stamp);
    expect(first.eventCount).toBe(1);

    // Rendered again with nothing changed (as a window refresh does): the same bytes, the same Last-Modified.
    await ctx.pool.query('UPDATE calendar_feeds SET name = name WHERE id = $1', [feed.id]);
    const second = await waitFor(async () => {
      const found = await findFeed(feed.id);
      return found.renderCount === 2 && found;
    });
    expect(second.contentSha256).toBe(first.contentSha256);
    expect(second.contentChangedAt).toEqual(first.contentChangedAt);
  });

  it('records a feed too large to render, keeps serving the last render, and does not retry', async () => {
    await seedTodos(ctx.prisma, [{ title: 'One', deadlineAt: new Date('2026-05-01T10:00:00Z') }]);
    const feed = await createFeed();
    const worker = await ctx.startWorker({ EXPORT_MAX_TODOS: '2', EXPORT_BATCH_SIZE: '2' });
    const good = await waitFor(async () => (await findFeed(feed.id)).contentSha256);
    await worker.stop();
    await seedTodos(ctx.prisma, [{ title: 'Two' }, { title: 'Three' }]);
    await ctx.startWorker({ EXPORT_MAX_TODOS: '2', EXPORT_BATCH_SIZE: '2' });
    const failed = await waitFor(async () => {
      const found = await findFeed(feed.id);
      return found.renderError !== null && found;
    });
    expect(failed.renderError).toMatch(/more than the 2 one calendar may hold/);
    expect(failed.contentSha256).toBe(good);
    await waitFor(async () => (await queued()) === 0, { what: 'the job to go' });
  });

  it('does nothing for a feed deleted before its render', async () => {
    const feed = await createFeed();
    await ctx.prisma.calendarFeed.delete({ where: { id: feed.id } });
    await ctx.startWorker();
    await waitFor(async () => (await queued()) === 0, { what: 'the job to go' });
    expect(ctx.logs.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('never lets an earlier job’s render overwrite a later one’s', async () => {
    const feed = await createFeed();
    const feeds = createFeedStore(ctx.pool);
    const { settings } = (await feeds.toRender(feed.id))!;
    const render = (jobId: string, sha: string) =>
      feeds.storeRender(feed.id, {
        jobId,
        revision: '1',
        settings,
        content: new Uint8Array(),
        contentSha256: sha.repeat(64),
        sizeBytes: 0,
        eventCount: 0,
      });
    expect(await render('20', 'b')).toBe(true);
    expect(await render('10', 'a')).toBe(false);
    expect(await render('20', 'c')).toBe(true); // the same job again: a retry
    expect((await findFeed(feed.id)).contentSha256).toBe('c'.repeat(64));
  });
});

describe('the refresh-windowed-feeds task', () => {
  it('queues the render of the feeds with a deadline window only', async () => {
    const windowed = await createFeed({ windowDays: 7 });
    const whole = await createFeed();
    await ctx.startWorker();
    await waitFor(
      async () =>
        (await findFeed(windowed.id)).renderCount === 1 &&
        (await findFeed(whole.id)).renderCount === 1,
    );
    await waitFor(async () => (await queued()) === 0, { what: 'the job to go' });
    const feeds = createFeedStore(ctx.pool);
    expect(await feeds.queueWindowedRenders()).toBe(1);
    await waitFor(async () => (await findFeed(windowed.id)).renderCount === 2, {
      what: 'the windowed feed rendered again',
    });
    await waitFor(async () => (await queued()) === 0, { what: 'the job to go' });
    expect((await findFeed(whole.id)).renderCount).toBe(1);
  });
});

describe('an owner’s render job', () => {
  it('renders only the feeds behind the owner’s revision, and a feed whose settings changed', async () => {
    const [first, second] = [await createFeed(), await createFeed()];
    await ctx.startWorker();
    const rendered = (feed: { id: string }, count: number) =>
      waitFor(async () => (await findFeed(feed.id)).renderCount === count, {
        what: `feed ${feed.id} rendered ${count} times`,
      });
    await rendered(first, 1);
    await rendered(second, 1);
    await waitFor(async () => (await queued()) === 0, { what: 'the job to go' });

    // A settings change: that feed only, though the owner's revision did not move.
    await ctx.prisma.calendarFeed.update({ where: { id: second.id }, data: { name: 'Renamed' } });
    await rendered(second, 2);
    await waitFor(async () => (await queued()) === 0, { what: 'the job to go' });
    expect((await findFeed(first.id)).renderCount).toBe(1);

    // A todo change: both, at the owner's new revision.
    await seedTodos(ctx.prisma, [{ title: 'New' }]);
    await rendered(first, 2);
    await rendered(second, 3);
    const { revision } = await ctx.prisma.ownerRevision.findUniqueOrThrow({
      where: { ownerId: LOCAL_OWNER_ID },
    });
    expect((await findFeed(first.id)).renderedRevision).toBe(revision);
  });

  it('starts an owner’s renders at least half a second apart, whoever queued them', async () => {
    const feed = await createFeed();
    await ctx.startWorker();
    await waitFor(async () => (await findFeed(feed.id)).renderCount === 1, { what: 'a render' });
    await waitFor(async () => (await queued()) === 0, { what: 'the job to go' });
    const lastStart = async () =>
      (await ctx.prisma.ownerRevision.findUniqueOrThrow({ where: { ownerId: LOCAL_OWNER_ID } }))
        .feedsRenderStartedAt!;

    // A job just started, and one due at once is queued (a settings change queues one so; a
    // write whose transaction read the start before that job recorded it would too).
    await ctx.pool.query(
      'UPDATE owner_revisions SET feeds_render_started_at = now() WHERE owner_id = $1',
      [LOCAL_OWNER_ID],
    );
    const started = await lastStart();
    await ctx.prisma.calendarFeed.update({ where: { id: feed.id }, data: { name: 'Renamed' } });

    await waitFor(async () => (await findFeed(feed.id)).renderCount === 2, { what: 'the render' });
    expect((await lastStart()).getTime() - started.getTime()).toBeGreaterThanOrEqual(500);
  });
});

describe('a render pass of many feeds', () => {
  it('gives its worker slot back between slices: another owner’s job runs before the last feed', async () => {
    await seedManyTodos(ctx.prisma, 300);
    await ctx.pool.query(
      `INSERT INTO calendar_feeds (owner_id, name, secret_sha256)
       SELECT $1, 'Feed ' || n, md5(n::text) || md5(n::text) FROM generate_series(1, 40) AS n`,
      [LOCAL_OWNER_ID],
    );
    const other = (await ctx.prisma.user.create({ data: { email: 'b@example.com' } })).id;
    // Queued after the pass's job: with one slot and no slices, it would wait for all 40 feeds.
    const theirs = await queueExport(ctx.pool, { ownerId: other, selection: {}, maxAttempts: 1 });
    await ctx.startWorker({ WORKER_CONCURRENCY: '1' });

    const feeds = await waitFor(
      async () => {
        const found = await ctx.prisma.calendarFeed.findMany();
        return found.every((feed) => feed.renderCount === 1) && found;
      },
      { timeoutMs: 30_000, what: 'every feed rendered once' },
    );
    const started = (
      await ctx.prisma.calendarExport.findUniqueOrThrow({ where: { id: theirs.id } })
    ).startedAt!;
    const lastRender = Math.max(...feeds.map((feed) => feed.renderedAt!.getTime()));
    expect(started.getTime()).toBeLessThan(lastRender);
  });
});
