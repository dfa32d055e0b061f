import { findFreePort } from '@taskoverflow/db';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLauncher, type LauncherProcess } from '../src/testing/index.js';

/**
 * `npm start` while another program holds the port, as a new user meets it:
 * a plain HTTP server that answers 200 to everything, health checks included.
 */
let port: number;
let otherProgram: Server;
let launcher: LauncherProcess;

beforeAll(async () => {
  port = await findFreePort();
  otherProgram = createServer((_request, response) => response.end('{"status":"ok"}'));
  otherProgram.listen(port); // every interface, as most programs do
  await once(otherProgram, 'listening');
});
afterAll(async () => {
  await launcher?.stop();
  otherProgram?.close();
});

describe('npm start on a port another program holds', () => {
  it('says so in one line naming the port and PORT, never says ready, does not restart the API, and exits 1', async () => {
    launcher = await startLauncher({ env: { PORT: String(port) } });
    // The restart delays (1 s, 2 s, 5 s…) fit well within this: a restarting launcher is seen restarting.
    const code = await Promise.race([launcher.exited, delay(60_000).then(() => 'still running')]);
    const output = launcher.output.join('\n');

    expect(output).not.toMatch(/ready at/);
    expect(output).not.toMatch(/restarting/);
    expect(output).not.toMatch(/^\s+at /m); // no stack trace
    expect(launcher.output.filter((line) => line.includes(`port ${port}`))).toEqual([
      `[launcher] could not start: port ${port} is already in use by another program; stop it or set PORT to a free port`,
    ]);
    expect(code).toBe(1);
  }, 90_000);
});
