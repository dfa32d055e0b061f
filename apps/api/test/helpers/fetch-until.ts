import type { Response } from 'supertest';
import { expect, vi } from 'vitest';
import type { TestApp } from './test-app.js';

/**
 * GETs `path` until `done` holds for the answer, and returns that answer: the
 * worker renders feeds and exports in the background, so what a write changes
 * shows a moment later. Fails after 5 s.
 */
export function fetchUntil(
  http: TestApp['http'],
  path: string,
  done: (response: Response) => boolean,
  headers: Record<string, string> = {},
): Promise<Response> {
  return vi.waitFor(
    async () => {
      const response = await http.get(path).set(headers).buffer(true);
      expect(done(response), `GET ${path} answered ${response.status}`).toBe(true);
      return response;
    },
    { timeout: 5_000, interval: 25 },
  );
}
