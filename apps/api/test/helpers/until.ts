import { expect, vi } from 'vitest';

/**
 * Waits until `condition` holds, asking again every `interval` ms for `timeout`
 * ms at most, and returns how long that took, in ms (what tests of how soon
 * another process hears of a change measure).
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  { timeout = 2_000, interval = 5 } = {},
): Promise<number> {
  const started = Date.now();
  await vi.waitFor(async () => expect(await condition()).toBe(true), { timeout, interval });
  return Date.now() - started;
}
