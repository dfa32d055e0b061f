import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  spawnSystem,
  startLauncher,
  type LauncherProcess,
  type RunningSystem,
} from '../src/testing/index.js';

/** One launcher per data folder: `launcher.pid` in DATA_DIR holds the pid of the one running. */
const lockFile = (dataDir: string) => join(dataDir, 'launcher.pid');

describe('a second launcher on the data folder of a running one', () => {
  let first: RunningSystem;
  let second: LauncherProcess | undefined;
  beforeAll(async () => {
    first = await spawnSystem();
  }, 180_000);
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('says that TaskOverflow already runs from there, with the pid, exits 1, and leaves the first one alone', async () => {
    // A second `npm start` in the same place: same data folder, same ports.
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

describe('a lock left behind by a launcher that is gone (killed, or crashed)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stale-lock-'));
  let system: RunningSystem | undefined;
  afterAll(async () => {
    await system?.stop(); // also when an expectation failed
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is replaced by the next launcher, which removes it when it stops', async () => {
    chmodSync(dataDir, 0o755); // PostgreSQL runs as another user, which must reach its directory.
    const gone = spawnSync(process.execPath, ['-e', '']).pid; // a pid that no process has any more
    writeFileSync(lockFile(dataDir), `${gone}\n`);

    system = await spawnSystem({ env: { DATA_DIR: dataDir } });
    expect(readFileSync(lockFile(dataDir), 'utf8')).toBe(`${system.pid}\n`);
    expect(await system.stop()).toBe(0);
    expect(existsSync(lockFile(dataDir))).toBe(false);
  }, 180_000);
});
