import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { api } from './support/api';
import {
  baseUrl,
  describeInBrowser,
  expectQuietConsole,
  openApp,
  runTag,
  screenshot,
} from './support/browser';

const EXPORTS = 6;
const systemIsLocal = inject('systemIsLocal');

/** The number on a tile of the "Exports by status" card. */
async function statusCount(page: Page, label: string): Promise<number> {
  const tile = page
    .getByRole('region', { name: 'Exports by status' })
    .locator('.stat-tile')
    .filter({ hasText: label });
  return Number((await tile.locator('dd').textContent())?.replace(/\D/g, ''));
}

describeInBrowser('the jobs view in the browser', () => {
  it('shows exports started elsewhere flowing to success, live, and the workers at work', async () => {
    for (const day of [1, 2, 3])
      await api('/todos', {
        method: 'POST',
        body: { title: `Jobs view ${day} ${runTag}`, deadline_at: `2030-06-0${day}T09:00:00` },
      });
    const app = await openApp();
    const { page } = app;

    // From the keyboard: the third header link (Todos, Subscribe, Jobs), Enter, and the focus lands on the view.
    for (let link = 1; link <= 3; link++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Jobs', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/jobs');
    expect(await page.title()).toBe('Jobs · TaskOverflow');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
    await page.getByText('Live', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Exports by status' }).locator('dd').first().waitFor();
    const succeededBefore = await statusCount(page, 'Succeeded');

    const started = await Promise.all(
      Array.from({ length: EXPORTS }, () =>
        api<{ task_id: string }>('/todos/ical', { method: 'POST' }),
      ),
    );
    await screenshot(page, '20-jobs-flowing');
    await expect
      .poll(() => statusCount(page, 'Succeeded'), { timeout: 60_000 })
      .toBe(succeededBefore + EXPORTS);

    // Each export is in the table, succeeded, with its details on demand.
    const exportsTable = page.getByRole('region', { name: 'Exports table' });
    for (const { task_id } of started) {
      const row = exportsTable.getByRole('row').filter({ hasText: task_id.slice(0, 8) });
      await expect.poll(() => row.getByText('Succeeded').count()).toBe(1);
    }
    const first = started[0]!.task_id;
    await page.getByRole('button', { name: `Details of export ${first.slice(0, 8)}` }).click();
    await page.getByText(first, { exact: true }).waitFor();

    const workers = page.getByRole('region', { name: 'Workers table' });
    await expect.poll(() => workers.getByText('Alive', { exact: true }).count()).toBeGreaterThan(0);
    expect(await workers.getByText(/^\d+ s ago$|^just now$/).count()).toBeGreaterThan(0);
    const chart = page.getByRole('img', { name: /^Exports finished per minute/ });
    expect(await chart.getAttribute('aria-label')).toMatch(/[1-9]\d* succeeded/);
    await screenshot(page, '21-jobs-done');

    // The filter narrows the table and keeps its choice in the address.
    await page
      .locator('label')
      .filter({ hasText: /^Succeeded/ })
      .click();
    await expect.poll(() => new URL(page.url()).search).toBe('?status=SUCCESS');
    await screenshot(page, '22-jobs-filtered');

    expectQuietConsole(app);
    await app.close();
  });

  it('fits a 360 px phone', async () => {
    const app = await openApp({ width: 360, height: 780 });
    const { page } = app;
    await page.goto(`${baseUrl}/jobs`);
    await page.getByRole('region', { name: 'Workers table' }).waitFor();
    await page.getByRole('region', { name: 'Exports table' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await screenshot(page, '23-jobs-phone');
    expectQuietConsole(app);
    await app.close();
  });

  // It pauses the workers by their pids (from the API): those are processes of this machine only
  // when the global setup started the system here, not when E2E_BASE_URL points elsewhere.
  it.skipIf(!systemIsLocal)(
    'the export panel follows its export through the event stream until ready',
    async () => {
      const app = await openApp();
      const { page } = app;
      const streams: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/api/v1/monitor/events')) streams.push(request.url());
      });
      // The workers, paused, keep this export queued until the page follows it (a finished one needs
      // no stream); resumed, they finish it while the page listens. Well within their stale limit.
      // A change to the todos, so that the export is made by a worker, not served from an earlier one.
      await api('/todos', { method: 'POST', body: { title: 'Followed export' } });
      const workers = await api<{ pid: number; alive: boolean }[]>('/monitor/workers');
      const pids = workers.filter((worker) => worker.alive).map((worker) => worker.pid);
      expect(pids.length).toBeGreaterThan(0);
      for (const pid of pids) process.kill(pid, 'SIGSTOP');
      try {
        await page.getByRole('button', { name: 'Export calendar' }).click();
        await expect
          .poll(() => streams.some((url) => url.includes('task_id=')), { timeout: 10_000 })
          .toBe(true);
      } finally {
        for (const pid of pids) process.kill(pid, 'SIGCONT');
      }
      await page.getByRole('link', { name: 'Download .ics' }).waitFor({ timeout: 60_000 });
      const followed = await page.evaluate(() =>
        localStorage.getItem('taskoverflow.followed-export'),
      );
      expect(streams).toContain(`${baseUrl}/api/v1/monitor/events?task_id=${followed}`);
      expectQuietConsole(app);
      await app.close();
    },
  );
});
