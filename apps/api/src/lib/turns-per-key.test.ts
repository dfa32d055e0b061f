import { describe, expect, it } from 'vitest';
import { createTurnsPerKey } from './turns-per-key.js';

/** Whether `promise` has settled once the microtasks queued so far have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('createTurnsPerKey', () => {
  it('gives `permits` turns per key at once, and the next to the first waiting as one ends', async () => {
    const turns = createTurnsPerKey(2);
    const [first, second] = [await turns.take('ada'), await turns.take('ada')];
    const third = turns.take('ada');
    const fourth = turns.take('ada');
    expect(await settled(third)).toBe(false);
    expect(await settled(turns.take('bob'))).toBe(true);
    first();
    first(); // ending a turn twice gives away one turn only
    expect(await settled(third)).toBe(true);
    expect(await settled(fourth)).toBe(false);
    second();
    expect(await settled(fourth)).toBe(true);
  });

  it('forgets a key once its last turn ends', async () => {
    const turns = createTurnsPerKey(1);
    const first = await turns.take('ada');
    const second = turns.take('ada');
    expect(turns.keyCount).toBe(1);
    first();
    (await second)();
    expect(turns.keyCount).toBe(0);
  });
});
