import { expect, it } from 'vitest';
import { api } from './support/api';
import {
  addTodo,
  describeInBrowser,
  expectQuietConsole,
  openApp,
  runTag,
  screenshot,
  todoItem,
} from './support/browser';

interface Me {
  user: { time_zone: string | null; calendar_time_zone: string | null };
}

describeInBrowser('calendar content in the browser', () => {
  it('adds a todo with a date and no time as an all-day deadline, and it stays all day', async () => {
    const app = await openApp();
    const { page } = app;
    const title = `Pay the rent ${runTag}`;
    await addTodo(page, { title, date: '2030-03-31' });
    const due = todoItem(page, title).locator('time');
    await expect.poll(() => due.textContent()).toMatch(/\(all day\)$/);
    expect(await due.getAttribute('datetime')).toBe('2030-03-31');
    await screenshot(page, 'all-day-deadline');

    await page.reload();
    const reloaded = todoItem(page, title).locator('time');
    await reloaded.waitFor();
    expect(await reloaded.getAttribute('datetime')).toBe('2030-03-31');
    expect(await reloaded.textContent()).not.toMatch(/\d:\d\d/);
    const stored = await api<{ title: string; deadline_at: string | null }[]>('/todos');
    expect(stored.find((todo) => todo.title === title)?.deadline_at).toBe('2030-03-31');
    expectQuietConsole(app);
  });

  it('sets the calendar time zone on the account page, which the local owner reaches from the header', async () => {
    const app = await openApp();
    const { page } = app;
    try {
      await page.getByRole('link', { name: 'Account' }).click();
      const card = page.getByRole('region', { name: 'Calendar time zone' });
      await card.getByRole('combobox', { name: 'Time zone' }).selectOption('Europe/Berlin');
      await card.getByRole('button', { name: 'Save time zone' }).click();
      await card.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      await card.getByText('Calendars now use Europe/Berlin.').waitFor();
      await screenshot(page, 'time-zone-setting');
      expect((await api<Me>('/auth/me')).user).toMatchObject({
        time_zone: 'Europe/Berlin',
        calendar_time_zone: 'Europe/Berlin',
      });
      await page.reload();
      expect(await page.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe(
        'Europe/Berlin',
      );
      expectQuietConsole(app);
    } finally {
      // The other browser tests share this system: they expect the instance default.
      await api('/auth/me', { method: 'PATCH', body: { time_zone: null } });
    }
  });
});
