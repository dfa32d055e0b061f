import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import {
  addTodo,
  describeInBrowser,
  expectQuietConsole,
  openApp,
  runTag,
  screenshot,
} from './support/browser';

// Floating deadlines: the file must carry exactly these wall-clock times.
const todos = [
  { title: `Dentist ${runTag}`, date: '2030-05-01', time: '09:15', dtstart: '2030-05-01T09:15:00' },
  {
    title: `Team lunch, Friday; bring \\ cake ${runTag}`,
    date: '2030-05-02',
    time: '12:30',
    dtstart: '2030-05-02T12:30:00',
  },
  {
    title: `Pay rent ${runTag}`,
    date: '2030-05-31',
    time: '23:45',
    dtstart: '2030-05-31T23:45:00',
  },
];

describeInBrowser('exporting the calendar in the browser', () => {
  it('exports three todos, follows the export until ready, and downloads a calendar with exactly those events', async () => {
    const app = await openApp();
    const { page } = app;
    for (const todo of todos) await addTodo(page, todo);
    await screenshot(page, '10-todos-with-deadlines');

    await page.getByRole('button', { name: 'Export calendar' }).click();
    const state = page.locator('.export-state');
    await expect.poll(() => state.textContent()).not.toBe('');
    await screenshot(page, '11-export-running');
    await page.getByRole('link', { name: 'Download .ics' }).waitFor({ timeout: 60_000 });
    expect(await state.textContent()).toMatch(/^Ready: \d+ events? from \d+ todos?\.$/);
    await screenshot(page, '12-export-ready');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download .ics' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^taskoverflow-\d{8}-\d{6}\.ics$/);
    const calendar = new ICAL.Component(ICAL.parse(await readFile(await download.path(), 'utf8')));
    const ours = calendar
      .getAllSubcomponents('vevent')
      .map((event) => {
        const start = event.getFirstPropertyValue('dtstart');
        if (!(start instanceof ICAL.Time)) throw new Error('DTSTART is not a date-time');
        return { title: String(event.getFirstPropertyValue('summary')), start };
      })
      .filter((event) => event.title.includes(runTag));
    expect(ours.map((event) => event.title).sort()).toEqual(todos.map((todo) => todo.title).sort());
    for (const todo of todos) {
      const start = ours.find((event) => event.title === todo.title)!.start;
      expect(start.toString()).toBe(todo.dtstart);
      expect(start.zone.tzid).toBe('floating');
    }

    // The recent exports list has it, and a reload comes back to it.
    const recent = page.getByRole('heading', { name: 'Recent exports' }).locator('..');
    await expect.poll(() => recent.getByRole('listitem').first().textContent()).toContain('Ready');
    await page.reload();
    await page.getByRole('link', { name: 'Download .ics' }).waitFor();
    await screenshot(page, '13-after-reload');

    expectQuietConsole(app);
    await app.close();
  });
});
