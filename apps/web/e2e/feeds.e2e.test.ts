import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  callApiOk,
  expectEveryControlNamed,
  newEmail,
  openSignedIn,
  signUp,
} from './support/accounts';
import {
  addTodo,
  baseUrl,
  describeInBrowser,
  expectQuietConsole,
  openPage,
  runTag,
  screenshot,
} from './support/browser';

/** A calendar app's User-Agent, as Thunderbird sends it: the page names it in words. */
const CALENDAR_APP = `Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.0 e2e-${runTag}`;

/** Fetches a feed from Node, as a calendar app would: no cookie, its own User-Agent. */
const fetchFeed = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers: { 'User-Agent': CALENDAR_APP, ...headers } });

/** The feed's calendar once the worker has rendered it (503 until then). */
async function renderedFeed(url: string): Promise<Response> {
  let response: Response | undefined;
  await expect
    .poll(
      async () => {
        response = await fetchFeed(url);
        return response.status;
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(200);
  return response!;
}

/** The SUMMARY of every event in a calendar. */
function summaries(calendar: string): string[] {
  return new ICAL.Component(ICAL.parse(calendar))
    .getAllSubcomponents('vevent')
    .map((event) => String(event.getFirstPropertyValue('summary')));
}

/** Fetches the feed until one of its events is `title`: the worker renders it after a change. */
async function waitForEvent(url: string, title: string) {
  await expect
    .poll(
      async () => {
        const response = await fetchFeed(url);
        return response.ok ? summaries(await response.text()) : [];
      },
      { timeout: 20_000, interval: 250 },
    )
    .toContain(title);
}

const goTo = async (page: Page, link: string, heading: string) => {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 2, name: heading }).waitFor();
};

describeInBrowser('subscribing to a calendar feed in the browser', () => {
  it('makes a feed whose URL, fetched as a calendar app does, follows the todos; rotate and delete stop the old URL', async () => {
    const app = await openPage(`${baseUrl}/subscribe`, undefined, (context) =>
      context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl }),
    );
    const { page } = app;
    await page.getByRole('heading', { level: 2, name: 'Subscribe' }).waitFor();
    const name = `Feed ${runTag}`;
    const form = page.getByRole('form', { name: 'Create a feed' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Reminder').selectOption({ label: '15 minutes before' });
    await form.getByRole('button', { name: 'Create feed' }).click();

    // The URL, shown once: copied through the real clipboard, said so.
    const shown = page.getByRole('region', { name: `URL of “${name}”` });
    const url = await shown.getByLabel('Feed URL').inputValue();
    expect(url).toMatch(/^https?:\/\/.+\/api\/v1\/feeds\/[^/]+\.ics$/);
    expect(
      await shown.getByRole('link', { name: 'Open in calendar app' }).getAttribute('href'),
    ).toBe(url.replace(/^https?:/, 'webcal:'));
    await shown.getByRole('button', { name: 'Copy' }).click();
    await shown.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await screenshot(page, '40-feed-created');

    // A calendar app's fetch: the calendar once rendered, then 304 for the same ETag.
    const first = await renderedFeed(url);
    expect(first.headers.get('content-type')).toMatch(/^text\/calendar/);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await fetchFeed(url, { 'If-None-Match': etag! })).status).toBe(304);

    // A todo added in the page is in the feed a few seconds later.
    await goTo(page, 'Todos', 'Todos');
    const title = `Feed event ${runTag}`;
    await addTodo(page, { title, date: '2030-06-01', time: '10:00' });
    await waitForEvent(url, title);

    // Back on the page: the URL is gone (it was shown once); the row says who fetched it.
    await goTo(page, 'Subscribe', 'Subscribe');
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect.poll(() => row.textContent()).toContain('Active todos');
    expect(await row.textContent()).toContain('15 minutes before');
    expect(await page.getByLabel('Feed URL').count()).toBe(0);
    await expect
      .poll(
        async () => {
          await page.reload();
          return row.textContent();
        },
        { timeout: 15_000, interval: 1_000 },
      )
      .toContain('by Thunderbird on Linux');
    expect(await row.getByText('by Thunderbird on Linux').getAttribute('title')).toBe(CALENDAR_APP);
    await screenshot(page, '41-feed-fetched');

    // Rotate: a new URL, shown once; the old one is refused at once, the new one serves.
    await page.getByRole('button', { name: `Rotate the URL of “${name}”` }).click();
    await page.getByRole('button', { name: 'Rotate URL' }).click();
    const rotated = page.getByRole('region', { name: `New URL of “${name}”` });
    const newUrl = await rotated.getByLabel('Feed URL').inputValue();
    expect(newUrl).not.toBe(url);
    expect((await fetchFeed(url)).status).toBe(404);
    expect(summaries(await (await renderedFeed(newUrl)).text())).toContain(title);

    // A phone: nothing wider than the screen, every control named.
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await expectEveryControlNamed(page);
    await screenshot(page, '42-feed-rotated-phone');

    // Delete: the URL is refused from then on.
    await page.getByRole('button', { name: `Delete “${name}”` }).click();
    await page.getByRole('button', { name: 'Delete feed' }).click();
    await page.getByText(`Deleted “${name}”.`).waitFor();
    expect((await fetchFeed(newUrl)).status).toBe(404);

    expectQuietConsole(app);
    await app.close();
  });

  it('works the same signed in (AUTH_MODE=accounts): the page through the session, the URL without one', async () => {
    const app = await openSignedIn(await signUp(newEmail('feeds')), '/subscribe');
    const { page } = app;
    const name = `Signed-in feed ${runTag}`;
    const form = page.getByRole('form', { name: 'Create a feed' });
    await form.getByLabel('Name').fill(name);
    await form.getByRole('radio', { name: 'Active and completed todos' }).check();
    await form.getByLabel('Due within').fill('30');
    await form.getByRole('button', { name: 'Create feed' }).click();
    const url = await page
      .getByRole('region', { name: `URL of “${name}”` })
      .getByLabel('Feed URL')
      .inputValue();
    // Fetched with no cookie at all, as a calendar app does.
    expect(await (await renderedFeed(url)).text()).toContain(`X-WR-CALNAME:${name}`);
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect.poll(() => row.textContent()).toContain('All todos due within 30 days');
    expectQuietConsole(app);
    await app.close();
  });

  it('says why a feed beyond the quota is refused (QUOTA_FEEDS=2 on the accounts system), and makes none', async () => {
    const session = await signUp(newEmail('quota'));
    for (let i = 0; i < 2; i++)
      await callApiOk('/feeds', { method: 'POST', body: {}, as: session });
    const app = await openSignedIn(session, '/subscribe');
    const form = app.page.getByRole('form', { name: 'Create a feed' });
    await form.getByRole('button', { name: 'Create feed' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe('Quota exceeded: at most 2 calendar feeds per user.');
    expect(await callApiOk<unknown[]>('/feeds', { as: session })).toHaveLength(2);
    await app.close();
  });
});
