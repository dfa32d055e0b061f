import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHeartbeatsRepository } from '../../src/index.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

/** Whether a pool is alive is the database's judgement, as the reaper's is: never a process's clock. */
const db = useTestPrisma();

describe('the heartbeats', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("lists every pool, alive when it beat within the stale limit by the database's clock", async () => {
    const heartbeats = createHeartbeatsRepository(db.pool);
    await heartbeats.beat({ poolId: 'fresh', hostname: 'a', pid: 1, concurrency: 2 });
    await heartbeats.beat({ poolId: 'silent', hostname: 'b', pid: 2, concurrency: 2 });
    await db.pool.query(
      `UPDATE worker_heartbeats SET last_seen_at = now() - INTERVAL '1 minute' WHERE pool_id = 'silent'`,
    );
    // A process whose clock runs an hour ahead would call both silent.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3_600_000 });

    const pools = await heartbeats.list(30_000);
    expect(pools).toHaveLength(2);
    expect(pools).toContainEqual({
      heartbeat: expect.objectContaining({
        poolId: 'fresh',
        hostname: 'a',
        pid: 1,
        concurrency: 2,
      }),
      alive: true,
    });
    expect(pools).toContainEqual({
      heartbeat: expect.objectContaining({ poolId: 'silent' }),
      alive: false,
    });
  });
});
