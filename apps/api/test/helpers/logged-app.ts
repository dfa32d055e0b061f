import { Writable } from 'node:stream';
import supertest from 'supertest';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { TestApp } from './test-app.js';

export interface LoggedApp {
  http: ReturnType<typeof supertest>;
  /** Every log line the app wrote, as written (JSON text). */
  lines: string[];
}

/** A second app on the test app's database that logs at `logLevel` into `lines`; made in `beforeAll`. */
export function useLoggedApp(ctx: TestApp, logLevel = 'info'): LoggedApp {
  const context = { lines: [] } as unknown as LoggedApp;
  let close = async () => {};
  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        context.lines.push(chunk.toString());
        done();
      },
    });
    const app = await buildApp({ ...ctx.config, logLevel }, { logStream });
    await app.ready();
    context.http = supertest(app.server);
    close = () => app.close();
  });
  afterAll(() => close());
  return context;
}
