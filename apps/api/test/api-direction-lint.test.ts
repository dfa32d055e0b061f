import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The lint rules that keep the API in one direction, tried on imports that
 * break them: plugins and lib/ never import routes/, and a route folder never
 * imports another. `npm run lint` applies them to the sources.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });
// Real files (typed linting needs them to be in a project), linted with other text.
const PLUGIN = `${root}apps/api/src/plugins/metrics.ts`;
const LIB = `${root}apps/api/src/lib/request-log.ts`;
const ROUTE = `${root}apps/api/src/routes/calendar-exports/calendar-exports-routes.ts`;

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('the API import direction (lint)', { timeout: 60_000 }, () => {
  it.each([
    ['a plugin', PLUGIN, `export { authRoutes } from '../routes/auth/auth-routes.js';`],
    ['lib/', LIB, `export { feedsRoutes } from '../routes/feeds/feeds-routes.js';`],
  ])('refuses routes/ in %s', async (_, file, code) => {
    expect(await restrictedImports(code, file)).toEqual([
      expect.stringContaining('never import routes/'),
    ]);
  });

  it('refuses a route folder in another', async () => {
    const code = `export { toFeedSummary } from '../feeds/feed-response.js';`;
    expect(await restrictedImports(code, ROUTE)).toEqual([
      expect.stringContaining('A route folder never imports another'),
    ]);
  });

  it.each([
    ['a plugin', 'lib/', PLUGIN, `export { API_PREFIX } from '../lib/route-paths.js';`],
    ['a route', 'lib/', ROUTE, `export { TaskParams } from '../../lib/task-id.js';`],
    ['a route', 'a plugin', ROUTE, `export { HttpError } from '../../plugins/error-handler.js';`],
    [
      'a route',
      'its own folder',
      ROUTE,
      `export { calendarFileName } from './export-response.js';`,
    ],
  ])('allows %s to import %s', async (_, __, file, code) => {
    expect(await restrictedImports(code, file)).toEqual([]);
  });
});
