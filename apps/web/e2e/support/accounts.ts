// The AUTH_MODE=accounts system (global-setup.ts): accounts made from Node,
// calls as a session or an API token (as curl would make them), and pages
// opened signed in or signed out.
import type { CDPSession, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { openPage, runTag, type AppPage } from './browser';

export const accountsUrl = inject('accountsBaseUrl');
export const accountsSetupCode = inject('accountsSetupCode');

/** Not among the commonest passwords, which the API refuses. */
export const PASSWORD = 'plum kettle orbits slowly';

/** The session cookie over plain http (the API names it `__Host-…` over https only). */
const SESSION_COOKIE = 'taskoverflow_session';

let accounts = 0;

/** An email no other test (nor an earlier run on the same system) uses. */
export function newEmail(who: string): string {
  accounts += 1;
  return `${who}-${runTag}-${accounts}@example.com`;
}

/** How a call proves who it is: a session cookie's value, or an API token. */
export type Credential = { session: string } | { token: string };

/** Calls the accounts system's API from Node, as curl would, with a credential or none. */
export async function callApi(
  path: string,
  init: { method?: string; body?: unknown; as?: Credential } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.as && 'session' in init.as) headers.Cookie = `${SESSION_COOKIE}=${init.as.session}`;
  if (init.as && 'token' in init.as) headers.Authorization = `Bearer ${init.as.token}`;
  return fetch(`${accountsUrl}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** Like callApi, for a call that must succeed: its JSON body. */
export async function callApiOk<T>(
  path: string,
  init: Parameters<typeof callApi>[1] = {},
): Promise<T> {
  const response = await callApi(path, init);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function sessionFrom(response: Response): { session: string } {
  const cookie = response.headers
    .getSetCookie()
    .map((header) => new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(header)?.[1])
    .find(Boolean);
  if (!cookie) throw new Error(`no session cookie in the answer (${response.status})`);
  return { session: cookie };
}

/** Makes an account from Node, and returns its session. */
export async function signUp(email: string, password = PASSWORD): Promise<{ session: string }> {
  const response = await callApi('/auth/sign-up', { method: 'POST', body: { email, password } });
  if (response.status !== 201)
    throw new Error(`sign-up of ${email}: ${response.status} ${await response.text()}`);
  return sessionFrom(response);
}

/** A new session of an account, from Node. */
export async function signIn(email: string, password = PASSWORD): Promise<{ session: string }> {
  const response = await callApi('/auth/sign-in', { method: 'POST', body: { email, password } });
  if (response.status !== 200)
    throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
  return sessionFrom(response);
}

/** The page, signed out: the sign-in screen. */
export async function openSignedOut(path = '/'): Promise<AppPage> {
  const app = await openPage(`${accountsUrl}${path}`);
  await app.page.getByRole('heading', { level: 2, name: 'Sign in' }).waitFor();
  return app;
}

/** The page in a browser holding `session`'s cookie (as if it had signed in). */
export async function openSignedIn(
  { session }: { session: string },
  path = '/',
  permissions: string[] = [],
): Promise<AppPage> {
  const app = await openPage(`${accountsUrl}${path}`, undefined, async (context) => {
    await context.addCookies([
      { name: SESSION_COOKIE, value: session, url: accountsUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    if (permissions.length > 0)
      await context.grantPermissions(permissions, { origin: accountsUrl });
  });
  await app.page.getByRole('navigation', { name: 'Pages' }).waitFor();
  return app;
}

/** Signs in through the sign-in screen shown on `page`. */
export async function signInThroughPage(page: Page, email: string, password = PASSWORD) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByRole('textbox', { name: 'Email' }).fill(email);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** Interactive roles: each must have an accessible name. */
const NAMED_ROLES = new Set([
  'button',
  'checkbox',
  'combobox',
  'link',
  'listbox',
  'menuitem',
  'radio',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'textbox',
]);

interface AXNode {
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  backendDOMNodeId?: number;
}

/**
 * Fails unless every control on the page has an accessible name, as Chromium
 * itself computes it for screen readers (its accessibility tree, through the
 * DevTools protocol), and the tree holds as many controls as the page shows.
 */
export async function expectEveryControlNamed(page: Page): Promise<string[]> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
    const controls = nodes.filter(
      (node) => !node.ignored && node.role && NAMED_ROLES.has(node.role.value),
    );
    const unnamed = controls.filter((node) => !node.name?.value.trim());
    expect(unnamed.map((node) => node.role?.value)).toEqual([]);
    const shown = await page
      .locator('input:not([type=hidden]):not([hidden]), textarea, select, button, a[href]')
      .filter({ visible: true })
      .count();
    expect(controls.length).toBeGreaterThanOrEqual(shown);
    return controls.map((node) => `${node.role!.value}: ${node.name!.value}`);
  } finally {
    await cdp.detach();
  }
}
