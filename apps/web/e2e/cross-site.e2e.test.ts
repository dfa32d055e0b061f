// Any web page the user visits can send "simple" requests (no preflight) to a
// TaskOverflow on localhost: no-cors fetches, and forms that post text/plain
// bodies looking like JSON. Here a page served from another origin tries each
// of them, in a real Chromium; the API must refuse them, and what is stored
// is checked from Node, where no browser rule can hide a change.
import type { Todo } from '@taskoverflow/contracts';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api } from './support/api';
import { baseUrl, describeInBrowser, openPage, runTag } from './support/browser';

/** The other site: `/` tries fetches (the todo's id in the query), `/form` posts itself at once. */
function attackerPage(path: string, victimId: string): string {
  const todos = `${baseUrl}/api/v1/todos`;
  if (path === '/form') {
    // enctype=text/plain sends `name=value`: together they make `{"title":"…","description":"="}`.
    const name = JSON.stringify(`{"title":"Cross-site form ${runTag}","description":"`);
    return `<!doctype html><form method="post" enctype="text/plain" action="${todos}">
      <input type="hidden" name=${name} value='"}'>
    </form><script>document.forms[0].submit()</script>`;
  }
  return `<!doctype html><script>
    // The page cannot read the answers (nor need to): what counts is what the API did.
    const attempt = (url, init) => fetch(url, init).catch(() => undefined);
    window.attempted = Promise.all([
      attempt('${todos}/ical', { method: 'POST', mode: 'no-cors' }),
      attempt('${todos}', {
        method: 'POST',
        mode: 'no-cors',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ title: 'Cross-site fetch ${runTag}' }),
      }),
      // Not simple requests: the browser asks first (preflight), and CORS allows no other origin.
      attempt('${todos}/${victimId}', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ completed: true }),
      }),
      attempt('${todos}/${victimId}', { method: 'DELETE' }),
    ]);
  </script>`;
}

let attacker: Server;
let attackerUrl: string;

beforeAll(async () => {
  attacker = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://attacker');
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(attackerPage(url.pathname, url.searchParams.get('victim') ?? ''));
  });
  attacker.listen(0, '127.0.0.1');
  await once(attacker, 'listening');
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

/** Everything a cross-site request could alter: the todos and the exports. */
const stored = async () => ({
  todos: await api<Todo[]>('/todos'),
  exports: (await api<{ task_id: string }[]>('/todos/ical?limit=100')).map((e) => e.task_id),
});

describeInBrowser('requests from another site', () => {
  it('cannot start an export, or add, change or delete a todo', async () => {
    expect(new URL(attackerUrl).origin).not.toBe(new URL(baseUrl).origin);
    const victim = await api<Todo>('/todos', {
      method: 'POST',
      body: { title: `Not to be touched ${runTag}` },
    });
    const before = await stored();

    const visit = await openPage('about:blank');
    const { page } = visit;
    // How each request ended: its status, or else the network error that stopped it.
    const outcomes = new Map<Request, string>();
    const record = (request: Request, outcome: string) => {
      if (!outcomes.has(request)) outcomes.set(request, outcome);
    };
    page.on('response', (response) => record(response.request(), String(response.status())));
    page.on('requestfailed', (request) => record(request, request.failure()!.errorText));

    await page.goto(`${attackerUrl}/?victim=${victim.id}`);
    await page.evaluate(() => (window as { attempted?: Promise<unknown> }).attempted);
    const formAnswer = page.waitForResponse(
      (response) =>
        response.url() === `${baseUrl}/api/v1/todos` && response.request().isNavigationRequest(),
    );
    await page.goto(`${attackerUrl}/form`, { waitUntil: 'commit' });
    const formStatus = (await formAnswer).status();
    await visit.close();

    expect(await stored()).toEqual(before);

    // Each POST reached the API, or this test would prove nothing: it has a status, or the
    // browser hid the API's answer from the page (Cross-Origin-Resource-Policy) after it came.
    const posts = [...outcomes]
      .filter(([request]) => request.method() === 'POST' && request.url().startsWith(baseUrl))
      .map(([request, outcome]) => `${new URL(request.url()).pathname} ${outcome}`)
      .sort();
    const reached = (path: string) =>
      expect.stringMatching(new RegExp(`^${path} (net::ERR_BLOCKED_BY_RESPONSE|\\d{3}$)`));
    expect(posts).toEqual([
      reached('/api/v1/todos'),
      reached('/api/v1/todos'),
      reached('/api/v1/todos/ical'),
    ]);
    expect(formStatus).toBeOneOf([403, 415]);
  });
});
