import { RenderOwnerFeedsPayload } from '@taskoverflow/contracts';
import type { Task } from 'graphile-worker';
import type { Logger } from 'pino';
import { Compile } from 'typebox/compile';
import { createFeedRenderer, type FeedRenderDependencies } from '../feed-render.js';

const payloadValidator = Compile(RenderOwnerFeedsPayload);

/**
 * How long a job renders feeds before it gives its worker slot back and
 * queues the rest: another owner's job then waits for one slice at most, not
 * for all of a many-feed owner's renders (at least one feed is rendered).
 */
export const RENDER_SLICE_MS = 50;

/**
 * The `render-owner-feeds` task: renders each feed of the owner that is behind
 * the owner's revision (or was never rendered since its settings changed), so
 * the writers' triggers queue one job per owner whatever the number of feeds,
 * and a feed already current costs one indexed row. Migration 20261216000000
 * queues it, debounced per owner. The feeds render one after another, for
 * RENDER_SLICE_MS at most, then the job queues the rest behind the jobs due
 * (the fair queue), so an owner with many feeds delays other owners by no
 * more than one slice per worker slot. A feed that fails fails the job, which
 * graphile-worker retries: the feeds rendered meanwhile are current and skipped.
 */
export function renderOwnerFeedsTask(
  dependencies: FeedRenderDependencies & { logger: Logger },
): Task {
  const renderFeed = createFeedRenderer(dependencies);
  const { feeds, logger } = dependencies;
  return async (payload, helpers) => {
    const jobId = helpers.job.id;
    if (!payloadValidator.Check(payload)) {
      logger.error({ jobId }, 'rejected a render-owner-feeds job with an invalid payload');
      return;
    }
    const { ownerId, continues = false } = payload;
    const log = logger.child({ ownerId, jobId });
    const owner = await feeds.startOwnerRender(ownerId, continues);
    if (!owner) return log.debug('the owner was deleted: nothing to render');
    if (owner === 'deferred') return log.debug('too soon after the last render: queued again');
    log.debug({ revision: owner.revision, feeds: owner.feedIds.length }, 'rendering feeds');
    const sliceEnds = performance.now() + RENDER_SLICE_MS;
    for (const [rendered, feedId] of owner.feedIds.entries()) {
      if (rendered > 0 && performance.now() > sliceEnds) {
        await feeds.continueOwnerRender(ownerId);
        return log.debug({ rendered }, 'slice spent: the rest of the feeds are queued');
      }
      await renderFeed(feedId, {
        id: jobId,
        revision: owner.revision,
        abortSignal: helpers.abortSignal,
        log,
      });
    }
  };
}
