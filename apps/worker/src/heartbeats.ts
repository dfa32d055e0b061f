import type { ExportStore, HeartbeatsRepository, PoolIdentity } from '@taskoverflow/db/store';
import type { Logger } from 'pino';
import { failAbandonedExports } from './abandoned-exports.js';

export interface HeartbeatOptions {
  identity: PoolIdentity;
  intervalMs: number;
  staleAfterMs: number;
  heartbeats: HeartbeatsRepository;
  store: ExportStore;
  logger: Logger;
}

export interface Heartbeat {
  /**
   * Stops beating, after the beat in progress if any. `remove`: delete the
   * pool's row too — only after a clean shutdown; a pool that may still hold
   * jobs keeps its row, which goes stale so that another worker unlocks them.
   */
  stop(options: { remove: boolean }): Promise<void>;
}

/**
 * Says every `intervalMs` that this pool is alive and, on each beat, does the
 * reaper's work for the whole system: takes back the work of pools that went
 * silent (graphile-worker alone would keep their jobs locked for hours) —
 * their exports get new jobs, or fail when that was their last attempt — and
 * fails the exports whose job ran out of attempts without an outcome.
 * The first beat is awaited, so the pool is on record when this returns.
 */
export async function startHeartbeat({
  identity,
  intervalMs,
  staleAfterMs,
  heartbeats,
  store,
  logger,
}: HeartbeatOptions): Promise<Heartbeat> {
  async function reap(): Promise<void> {
    const reaped = await store.reapSilentPools(staleAfterMs, identity.poolId);
    if (reaped.pools.length > 0)
      logger.warn({ pools: reaped.pools }, 'unlocked the jobs of silent worker pools');
    for (const { exportId, status } of reaped.exports) {
      if (status === 'FAILURE')
        logger.error({ exportId }, 'export failed: its worker stopped during the last attempt');
      else
        logger.warn({ exportId }, 'export given a new job: its worker stopped during the attempt');
    }
    await failAbandonedExports(store, logger);
  }

  // A failed beat is logged and tried again next time: a database blip must not stop the worker.
  async function beat(): Promise<void> {
    await heartbeats
      .beat(identity)
      .catch((error: unknown) => logger.warn({ err: error }, 'heartbeat failed'));
    await reap().catch((error: unknown) =>
      logger.warn({ err: error }, 'could not look for silent worker pools'),
    );
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let beating: Promise<void> = Promise.resolve();
  // setTimeout after each beat rather than setInterval: a slow beat never overlaps the next.
  const schedule = () => {
    timer = setTimeout(() => {
      beating = beat().finally(() => {
        if (!stopped) schedule();
      });
    }, intervalMs);
  };

  await beat();
  schedule();
  return {
    async stop({ remove }) {
      stopped = true;
      clearTimeout(timer);
      await beating;
      if (remove) await heartbeats.remove(identity.poolId);
    },
  };
}
