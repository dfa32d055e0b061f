import type { Page } from 'playwright-core';
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

/** The status filters are radios styled as tabs; people click their labels. */
const statusFilter = (page: Page, name: string) =>
  page.locator('label').filter({ hasText: new RegExp(`^${name}`) });

describeInBrowser('managing todos in the browser', () => {
  it('adds, edits, completes and deletes a todo, and every change survives a reload', async () => {
    const app = await openApp();
    const { page } = app;
    await screenshot(page, '01-start');
    const title = `Water the plants ${runTag}`;
    await addTodo(page, { title, description: 'Balcony first', date: '2030-04-02', time: '08:30' });
    const item = todoItem(page, title);
    await expect.poll(() => item.textContent()).toContain('Balcony first');

    // Edit in place.
    await item.getByRole('button', { name: `Edit “${title}”` }).click();
    const form = page.getByRole('form', { name: `Edit “${title}”` });
    const edited = `Water all the plants ${runTag}`;
    await form.getByLabel('Title').fill(edited);
    await form.getByLabel('Deadline time').fill('18:45');
    await screenshot(page, '02-editing');
    // The list shows the edit at once; the reload waits for the server to have it.
    const editSaved = page.waitForResponse(
      (response) => response.request().method() === 'PUT' && response.ok(),
    );
    await form.getByRole('button', { name: 'Save' }).click();
    await todoItem(page, edited).waitFor();
    await editSaved;
    await page.reload();
    const editedItem = todoItem(page, edited);
    await editedItem.waitFor();
    expect(await editedItem.locator('time').getAttribute('datetime')).toBe('2030-04-02T18:45:00');

    // Complete, then find it under the Completed filter only.
    const done = page.getByRole('checkbox', { name: `Done: ${edited}` });
    // Not check(): that reads the box right after the click, but the tick is drawn when
    // TanStack Query notifies the list (it batches with a timer), which a busy machine delays.
    // And the reload waits for the save, which it would otherwise cancel.
    const saved = page.waitForResponse((response) => response.request().method() === 'PUT');
    await done.click();
    await expect.poll(() => done.isChecked()).toBe(true);
    expect((await saved).ok()).toBe(true);
    await page.reload();
    await expect
      .poll(() => page.getByRole('checkbox', { name: `Done: ${edited}` }).isChecked())
      .toBe(true);
    await statusFilter(page, 'Completed').click();
    await expect.poll(() => page.url()).toContain('status=completed');
    await todoItem(page, edited).waitFor();
    await statusFilter(page, 'Active').click();
    await expect.poll(() => todoItem(page, edited).count()).toBe(0);
    await statusFilter(page, 'All').click();

    // Delete, undo, delete for good.
    await page.getByRole('button', { name: `Delete “${edited}”` }).click();
    await expect.poll(() => todoItem(page, edited).count()).toBe(0);
    await screenshot(page, '03-deleted-with-undo');
    await page.getByRole('button', { name: 'Undo' }).click();
    await todoItem(page, edited).waitFor();
    await page.getByRole('button', { name: `Delete “${edited}”` }).click();
    await page.getByText(`Deleted “${edited}”.`).waitFor();
    await page.reload();
    await page
      .getByRole('list', { name: 'Todos' })
      .or(page.getByText('No todos yet'))
      .first()
      .waitFor();
    expect(await todoItem(page, edited).count()).toBe(0);

    expectQuietConsole(app);
    await app.close();
  });

  it('adds titles typed and submitted back to back, all of them, in order', async () => {
    const app = await openApp();
    const { page } = app;
    const form = page.getByRole('form', { name: 'Add a todo' });
    const titles = [1, 2, 3, 4, 5].map((n) => `Quick add ${n} ${runTag}`);

    // At machine speed: each title is typed while the saves before it are still on their way.
    for (const title of titles) {
      await form.getByLabel('Title').pressSequentially(title);
      await form.getByRole('button', { name: 'Add todo' }).click();
    }

    const storedTitles = async () =>
      (await api<{ title: string }[]>('/todos'))
        .map((todo) => todo.title)
        .filter((title) => titles.includes(title));
    await expect.poll(storedTitles, { timeout: 10_000 }).toEqual(titles);
    expect(await form.getByLabel('Title').inputValue()).toBe('');
    expect(await form.getByLabel('Title').getAttribute('aria-invalid')).toBeNull();
    const listed = await page
      .getByRole('list', { name: 'Todos' })
      .locator('.todo-title')
      .allTextContents();
    expect(listed.filter((title) => titles.includes(title))).toEqual(titles);

    expectQuietConsole(app);
    await app.close();
  });

  it('shows the API’s refusal next to the field and keeps the input', async () => {
    const app = await openApp();
    const { page } = app;
    const form = page.getByRole('form', { name: 'Add a todo' });
    const title = form.getByLabel('Title');
    const tooLong = `${runTag} ${'x'.repeat(500)}`;
    await title.fill(tooLong);
    await form.getByRole('button', { name: 'Add todo' }).click();

    await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true');
    const errorId = await title.getAttribute('aria-describedby');
    const message = page.locator(`[id="${errorId}"]`);
    expect(await message.isVisible()).toBe(true);
    expect((await message.textContent())?.length).toBeGreaterThan(0);
    expect(await title.inputValue()).toBe(tooLong);
    expect(await page.getByText(tooLong).count()).toBe(0);
    await screenshot(page, '04-field-error');

    expectQuietConsole(app, [400]);
    await app.close();
  });

  it('works from the keyboard alone, with a visible focus', async () => {
    const app = await openApp();
    const { page } = app;
    expect(await page.title()).toBe('TaskOverflow');
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        return {
          name: element.getAttribute('aria-label') ?? element.textContent,
          tag: element.tagName,
          outline: getComputedStyle(element).outlineStyle,
        };
      });

    // The page links in the header come first, then the add form.
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'A', name: 'Todos', outline: 'solid' });
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'A', name: 'Subscribe' });
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'A', name: 'Jobs' });
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'A', name: 'Account' });
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'INPUT', outline: 'solid' });
    const title = `Keyboard only ${runTag}`;
    await page.keyboard.type(title);
    await page.keyboard.press('Enter');
    await todoItem(page, title).waitFor();

    await page.getByRole('button', { name: `Edit “${title}”` }).focus();
    await page.keyboard.press('Enter');
    expect(await focused()).toMatchObject({ tag: 'INPUT' });
    await page.keyboard.press('Escape');
    expect(await focused()).toMatchObject({ name: `Edit “${title}”`, outline: 'solid' });
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ name: `Delete “${title}”` });
    await page.keyboard.press('Enter');
    await page.getByText(`Deleted “${title}”.`).waitFor();
    expect(await focused()).toMatchObject({ tag: 'H2', name: 'Todos' });

    expectQuietConsole(app);
    await app.close();
  });

  it('fits a 360 px phone', async () => {
    const app = await openApp({ width: 360, height: 780 });
    const { page } = app;
    await addTodo(page, { title: `Phone check ${runTag}`, date: '2030-04-03', time: '12:00' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await screenshot(page, '05-phone');
    expectQuietConsole(app);
    await app.close();
  });
});
