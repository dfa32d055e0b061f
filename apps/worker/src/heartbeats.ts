import type { Logger } from 'pino';
import { failAbandonedExports } from './abandoned-exports.js';
import type { ExportsRepository } from './exports-repository.js';
import type { HeartbeatsRepository, PoolIdentity } from './heartbeats-repository.js';

export interface HeartbeatOptions {
  identity: PoolIdentity;
  intervalMs: number;
  staleAfterMs: number;
  /** The lifetime given to exports failed because their worker died. */
  exportTtlMs: number;
  heartbeats: HeartbeatsRepository;
  exports: ExportsRepository;
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
 * reaper's work for the whole system: unlocks the jobs of pools that went
 * silent (graphile-worker alone would keep them locked for hours), and fails
 * the exports whose job a dead worker left with no attempt remaining.
 * The first beat is awaited, so the pool is on record when this returns.
 */
export async function startHeartbeat({
  identity,
  intervalMs,
  staleAfterMs,
  exportTtlMs,
  heartbeats,
  exports,
  logger,
}: HeartbeatOptions): Promise<Heartbeat> {
  async function reap(): Promise<void> {
    const unlocked = await heartbeats.reapStalePools(staleAfterMs, identity.poolId);
    if (unlocked.length > 0)
      logger.warn({ pools: unlocked }, 'unlocked the jobs of silent worker pools');
    await failAbandonedExports(exports, exportTtlMs, logger);
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
