import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  spawnSystem,
  startLauncher,
  type LauncherProcess,
  type RunningSystem,
} from '../src/testing/index.js';

/** A second `npm start` in the same folder (same data directory, same ports) while the first runs. */
let first: RunningSystem;
let second: LauncherProcess | undefined;

beforeAll(async () => {
  first = await spawnSystem();
}, 180_000);
afterAll(async () => {
  await second?.stop();
  await first?.stop();
});

describe('a second launcher on the data folder of a running one', () => {
  it('says that TaskOverflow already runs from there, with the pid, exits 1, and leaves the first one alone', async () => {
    second = await startLauncher({ env: first.settings });
    const code = await second.exited;

    expect(second.output).toEqual([
      `[launcher] could not start: TaskOverflow is already running from ${first.settings.DATA_DIR} (launcher pid ${first.pid}); stop it first, or set DATA_DIR to another folder`,
    ]);
    expect(code).toBe(1);
    expect(() => process.kill(first.pid, 0)).not.toThrow(); // the first launcher is alive…
    expect((await fetch(`${first.baseUrl}/api/v1/health/ready`)).status).toBe(200); // …and its system answers
  }, 60_000);
});
