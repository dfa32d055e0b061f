import { findFreePort } from '@taskoverflow/db';
import { createTestDatabase, type TestDatabase } from '@taskoverflow/db/testing';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnApiProcess } from './helpers/api-process.js';

let database: TestDatabase;
let otherProgram: Server;
let port: number;

beforeAll(async () => {
  database = await createTestDatabase();
  port = await findFreePort();
  otherProgram = createServer((_request, response) => response.end());
  otherProgram.listen(port);
  await once(otherProgram, 'listening');
});
afterAll(async () => {
  otherProgram?.close();
  await database?.drop();
});

describe('the API process alone on a port another program holds', () => {
  it('says so in one line naming the port and PORT, without a stack trace, and exits 1', async () => {
    const api = spawnApiProcess(
      { DATABASE_URL: database.url, PORT: String(port), NODE_ENV: 'production' },
      'pipe',
    );
    const stderr: string[] = [];
    api.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
    const [code] = await once(api, 'close');

    expect(stderr.join('')).toBe(
      `port ${port} is already in use by another program; stop it or set PORT to a free port\n`,
    );
    expect(code).toBe(1);
  });
});
