import { RenderOwnerFeedsPayload } from '@taskoverflow/contracts';
import type { Task } from 'graphile-worker';
import type { Logger } from 'pino';
import { Compile } from 'typebox/compile';
import { createFeedRenderer, type FeedRenderDependencies } from '../feed-render.js';

const payloadValidator = Compile(RenderOwnerFeedsPayload);

/**
 * The `render-owner-feeds` task: renders each feed of the owner that is behind
 * the owner's revision (or was never rendered since its settings changed), so
 * the writers' triggers queue one job per owner whatever the number of feeds,
 * and a feed already current costs one indexed row. Migration 20261216000000
 * queues it, debounced per owner. The feeds render one after another: one job
 * holds one worker slot, so an owner with many feeds delays other owners by no
 * more than one job (the fair queue). A feed that fails fails the job, which
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
    const { ownerId } = payload;
    const log = logger.child({ ownerId, jobId });
    const owner = await feeds.startOwnerRender(ownerId);
    if (!owner) return log.debug('the owner was deleted: nothing to render');
    if (owner === 'deferred') return log.debug('too soon after the last render: queued again');
    log.debug({ revision: owner.revision, feeds: owner.feedIds.length }, 'rendering feeds');
    for (const feedId of owner.feedIds)
      await renderFeed(feedId, {
        id: jobId,
        revision: owner.revision,
        abortSignal: helpers.abortSignal,
        log,
      });
  };
}
