import type { Logger } from 'pino';
import type { ExportsRepository } from './exports-repository.js';

/**
 * Fails the exports whose job ran out of attempts while no task could record
 * it (its worker died, or was forced off, on the last attempt), and logs each:
 * such an export would otherwise stay STARTED for good.
 */
export async function failAbandonedExports(
  exports: ExportsRepository,
  exportTtlMs: number,
  logger: Logger,
): Promise<void> {
  for (const exportId of await exports.failAbandoned(exportTtlMs)) {
    logger.error({ exportId }, 'export failed: its worker stopped during the last attempt');
  }
}
