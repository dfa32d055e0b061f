import type { ExportStore } from '@taskoverflow/db/store';
import type { Logger } from 'pino';

/**
 * Fails the exports whose job ran out of attempts while no task could record
 * it, and logs each: such an export would otherwise stay STARTED for good.
 */
export async function failAbandonedExports(store: ExportStore, logger: Logger): Promise<void> {
  for (const exportId of await store.failAbandoned()) {
    logger.error({ exportId }, 'export failed: its last attempt could not record its outcome');
  }
}
