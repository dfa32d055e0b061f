import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject } from 'vitest';

/** The flags the design asks for: headless Chromium that stays off the network and never updates itself. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

const screenshots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
mkdirSync(screenshots, { recursive: true });

let browser: Browser | undefined;

/** A describe block with one Chromium for its tests. */
export function describeInBrowser(name: string, body: () => void) {
  describe(name, () => {
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: chromiumPath,
        headless: true,
        args: CHROMIUM_ARGS,
      });
    });
    afterAll(async () => {
      await browser?.close();
    });
    body();
  });
}

export interface AppPage {
  page: Page;
  /** Console errors and warnings, and uncaught page errors, seen so far. */
  problems: string[];
  close: () => Promise<void>;
}

/**
 * A fresh browser context (no cookies, no storage) showing `url`; `prepare`
 * runs on the context before the page opens (cookies, permissions).
 */
export async function openPage(
  url: string,
  viewport = { width: 1280, height: 900 },
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<AppPage> {
  if (!browser) throw new Error('openPage() runs inside describeInBrowser()');
  const context = await browser.newContext({ acceptDownloads: true, viewport });
  await prepare?.(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await page.goto(url);
  return { page, problems, close: () => context.close() };
}

/** The focused element as a keyboard user meets it: its tag, type, accessible label and focus ring. */
export function focusedElement(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const labels = (element as HTMLInputElement).labels;
    return {
      tag: element.tagName,
      type: element.getAttribute('type'),
      name:
        element.getAttribute('aria-label') ??
        (labels && labels.length > 0 ? labels[0]!.textContent : element.textContent)?.trim(),
      outline: getComputedStyle(element).outlineStyle,
    };
  });
}

export async function openApp(viewport?: { width: number; height: number }): Promise<AppPage> {
  const app = await openPage(baseUrl, viewport);
  await app.page.getByRole('heading', { name: 'Todos' }).waitFor();
  return app;
}

/**
 * Fails on console errors and warnings. Chromium itself logs "Failed to load
 * resource" for every 4xx answer, so a test that provokes one allows its status.
 */
export function expectQuietConsole({ problems }: AppPage, allowedStatuses: number[] = []) {
  const unexpected = problems.filter(
    (problem) =>
      !allowedStatuses.some((status) =>
        problem.includes(
          `Failed to load resource: the server responded with a status of ${status}`,
        ),
      ),
  );
  expect(unexpected).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true });
}

/** A tag that makes this run's todos recognisable on a system that already holds others. */
export const runTag = Date.now().toString(36);

/** Adds a todo through the add form and waits until the API has accepted it. */
export async function addTodo(
  page: Page,
  todo: { title: string; description?: string; date?: string; time?: string },
) {
  const form = page.getByRole('form', { name: 'Add a todo' });
  await form.getByLabel('Title').fill(todo.title);
  if (todo.description) await form.getByLabel('Description').fill(todo.description);
  if (todo.date) await form.getByLabel('Deadline date').fill(todo.date);
  if (todo.time) await form.getByLabel('Deadline time').fill(todo.time);
  await form.getByRole('button', { name: 'Add todo' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Added “${todo.title}”` })
    .waitFor();
}

/** The list item of a todo, found by its exact title. */
export function todoItem(page: Page, title: string) {
  return page.getByRole('listitem').filter({ has: page.getByText(title, { exact: true }) });
}
