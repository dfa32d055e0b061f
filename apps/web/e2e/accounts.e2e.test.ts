// The account flow in a real Chromium against the AUTH_MODE=accounts system
// (global-setup.ts): sign-up, sign-in and sign-out, two people apart, a
// session that ends while typing, API tokens, the keyboard, and the names of
// every control. What the page claims is checked from Node where it can be.
import type { Todo } from '@taskoverflow/contracts';
import type { Page } from 'playwright-core';
import { beforeAll, expect, inject, it } from 'vitest';
import {
  PASSWORD,
  accountsSetupCode,
  accountsUrl,
  callApi,
  callApiOk,
  expectEveryControlNamed,
  newEmail,
  openSignedIn,
  openSignedOut,
  signIn,
  signInThroughPage,
  signUp,
} from './support/accounts';
import {
  addTodo,
  describeInBrowser,
  expectQuietConsole,
  focusedElement,
  openPage,
  runTag,
  screenshot,
  todoItem,
} from './support/browser';

const todosHeading = (page: Page) => page.getByRole('heading', { level: 2, name: 'Todos' });
const signInHeading = (page: Page) => page.getByRole('heading', { level: 2, name: 'Sign in' });
const titlesOf = async (credential: { session: string } | { token: string }) =>
  (await callApiOk<Todo[]>('/todos', { as: credential })).map((todo) => todo.title);

/**
 * The admin, who claims a fresh system with its setup code in the first test;
 * on a running system (no code known), a member standing in for it.
 */
let admin: { email: string; session: string };

beforeAll(async () => {
  if (accountsSetupCode) return;
  const email = newEmail('admin');
  admin = { email, ...(await signUp(email)) };
});

const roleOf = async (credential: { session: string }) =>
  (await callApiOk<{ user: { role: string } }>('/auth/me', { as: credential })).user.role;

describeInBrowser('accounts in the browser', () => {
  it.skipIf(!accountsSetupCode)(
    'the first person claims the instance with the setup code; a second signs up as a member, with an invite link',
    async () => {
      const operator = await openPage(accountsUrl);
      const { page } = operator;
      await page.getByRole('heading', { level: 2, name: 'Set up TaskOverflow' }).waitFor();
      const claimForm = page.getByRole('form', { name: 'Set up TaskOverflow' });
      const codeField = claimForm.getByRole('textbox', { name: 'Setup code' });
      expect(await codeField.getAttribute('aria-describedby')).toBeTruthy();
      await page.getByText('docker compose logs api').waitFor();
      const email = newEmail('operator');
      // The keyboard alone: type into each field in turn and press Enter.
      await claimForm.getByRole('textbox', { name: 'Email' }).fill(email);
      await claimForm.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await codeField.fill('WRONG-CODE');
      await codeField.press('Enter');
      await page.getByText('Setup code is wrong or was used.').waitFor();
      await codeField.fill(accountsSetupCode!.toLowerCase());
      await screenshot(page, '19-claim');
      await codeField.press('Enter');
      await todosHeading(page).waitFor();
      admin = { email, ...(await signIn(email)) };
      expect(await roleOf(admin)).toBe('admin');

      // The admin makes an invite link on the Account page and copies it.
      await page.getByRole('link', { name: 'Account' }).click();
      const invites = page.getByRole('region', { name: 'Invite links' });
      await invites.getByRole('button', { name: 'Make an invite link' }).click();
      const link = await page
        .getByRole('region', { name: 'New invite link' })
        .getByRole('textbox', { name: 'Invite link' })
        .inputValue();
      expect(link).toMatch(new RegExp(`^${accountsUrl}/\\?invite=[\\w-]{43}$`));
      await invites.getByRole('table', { name: 'Unused invite links' }).waitFor();
      await screenshot(page, '26-invite-links');

      // Another person, in a browser of their own, opens it: the sign-up form, the invite filled in.
      const invited = await openPage(link);
      const signUpForm = invited.page.getByRole('form', { name: 'Create an account' });
      await invited.page.getByText('You were invited: create your account.').waitFor();
      const memberEmail = newEmail('member');
      await signUpForm.getByRole('textbox', { name: 'Email' }).fill(memberEmail);
      await signUpForm.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await signUpForm.getByRole('button', { name: 'Create account' }).click();
      await todosHeading(invited.page).waitFor();
      expect(new URL(invited.page.url()).search).toBe('');
      expect(await roleOf(await signIn(memberEmail))).toBe('member');
      // The claim is done: the page now opens with sign-in, and the code is spent.
      const later = await openSignedOut();
      const again = await callApi('/auth/sign-up', {
        method: 'POST',
        body: { email: newEmail('late'), password: PASSWORD, setup_code: accountsSetupCode },
      });
      expect(again.status).toBe(403);

      expectQuietConsole(operator, [401, 403]);
      for (const app of [operator, invited, later]) await app.close();
    },
  );

  it('signs up, signs out, refuses a wrong password with one generic message, and signs in', async () => {
    const app = await openSignedOut();
    const { page } = app;
    expect(await page.title()).toBe('Sign in · TaskOverflow');
    await screenshot(page, '20-sign-in');
    const email = newEmail('ada');

    await page.getByRole('button', { name: 'Create an account' }).click();
    const signUpForm = page.getByRole('form', { name: 'Create an account' });
    await signUpForm.getByRole('textbox', { name: 'Email' }).fill(email);
    const password = signUpForm.getByLabel('Password', { exact: true });
    await password.fill(PASSWORD);
    expect(await password.getAttribute('autocomplete')).toBe('new-password');
    await screenshot(page, '21-sign-up');
    await signUpForm.getByRole('button', { name: 'Create account' }).click();
    await todosHeading(page).waitFor();
    const header = page.getByRole('banner');
    await header.getByText(email).waitFor();
    const title = `Ada's first ${runTag}`;
    await addTodo(page, { title });

    await header.getByRole('button', { name: 'Sign out' }).click();
    await signInHeading(page).waitFor();
    await page.getByText('You signed out.').waitFor();
    expect(await page.getByText(title).count()).toBe(0);
    // The browser holds no session any more: a reload stays signed out.
    await page.reload();
    await signInHeading(page).waitFor();

    // A wrong password and an unknown email get the same words.
    const alerts: string[] = [];
    for (const [who, secret] of [
      [email, 'not the password at all'],
      [newEmail('nobody'), PASSWORD],
    ] as const) {
      await signInThroughPage(page, who, secret);
      const alert = page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
      await alert.waitFor();
      alerts.push((await alert.textContent()) ?? '');
      expect((await focusedElement(page)).tag).toBe('P'); // the alert itself
      await screenshot(page, '22-wrong-password');
    }
    expect(alerts[0]).toBe(
      'Invalid email or password. Check the email and the password, or sign up.',
    );
    expect(alerts[1]).toBe(alerts[0]);

    await signInThroughPage(page, email);
    await todoItem(page, title).waitFor();
    expectQuietConsole(app, [401]);
    await app.close();
  });

  it('shows the API’s refusals: a common password, a taken email, and throttling in words', async () => {
    const taken = newEmail('taken');
    await signUp(taken);
    const app = await openSignedOut();
    const { page } = app;

    await page.getByRole('button', { name: 'Create an account' }).click();
    const form = page.getByRole('form', { name: 'Create an account' });
    const email = form.getByRole('textbox', { name: 'Email' });
    const password = form.getByLabel('Password', { exact: true });
    const describedBy = async (field: typeof email) =>
      (
        await Promise.all(
          ((await field.getAttribute('aria-describedby')) ?? '')
            .split(' ')
            .map((id) => page.locator(`[id="${id}"]`).textContent()),
        )
      ).join(' ');
    expect(await describedBy(password)).toContain('8 to 128 characters');

    await email.fill(newEmail('weak'));
    await password.fill('password123');
    await form.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(password)).toContain('Password is one of the most common passwords');
    expect((await focusedElement(page)).type).toBe('password');
    await screenshot(page, '23-common-password');

    await email.fill(taken);
    await password.fill(PASSWORD);
    await form.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(email)).toContain('An account with this email exists already');

    // Three wrong passwords for the account (SIGN_IN_LIMIT_PER_ACCOUNT), then it is throttled.
    await page.getByRole('button', { name: 'Sign in instead' }).click();
    const alert = page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const answer = page.waitForResponse((response) => response.url().endsWith('/sign-in'));
      await signInThroughPage(page, taken, `wrong guess ${attempt}`);
      expect((await answer).status()).toBe(attempt <= 3 ? 401 : 429);
    }
    await expect
      .poll(() => alert.textContent())
      .toBe('Too many attempts. Try again in 15 minutes.');
    await screenshot(page, '24-throttled');
    expectQuietConsole(app, [400, 401, 409, 429]);
    await app.close();
  });

  it('keeps two people apart: each sees only their own todos, and the admin sees the whole queue', async () => {
    const [adaEmail, bobEmail] = [newEmail('ada'), newEmail('bob')];
    const ada = await signUp(adaEmail);
    const bob = await signUp(bobEmail);
    const adaApp = await openSignedIn(ada);
    const bobApp = await openSignedIn(bob);
    const [adaTitle, bobTitle] = [`Ada only ${runTag}`, `Bob only ${runTag}`];
    await addTodo(adaApp.page, { title: adaTitle });
    await addTodo(bobApp.page, { title: bobTitle });

    for (const [app, own, other] of [
      [adaApp, adaTitle, bobTitle],
      [bobApp, bobTitle, adaTitle],
    ] as const) {
      await app.page.reload();
      await todoItem(app.page, own).waitFor();
      expect(await app.page.getByText(other).count()).toBe(0);
    }
    expect(await titlesOf(ada)).toEqual([adaTitle]);
    expect(await titlesOf(bob)).toEqual([bobTitle]);
    const [adaTodo] = await callApiOk<Todo[]>('/todos', { as: ada });
    expect((await callApi(`/todos/${adaTodo!.id}`, { as: bob })).status).toBe(404);

    // The Jobs view shows what the API returns; the page says whose it is.
    if (accountsSetupCode) expect(await roleOf(admin)).toBe('admin');
    const adminApp = await openSignedIn(admin, '/jobs');
    for (const [app, role] of [
      [adminApp, await roleOf(admin)],
      [bobApp, await roleOf(bob)],
    ] as const) {
      if (app !== adminApp) await app.page.getByRole('link', { name: 'Jobs' }).click();
      await app.page.getByRole('heading', { level: 2, name: 'Jobs' }).waitFor();
      expect(await app.page.getByText(/^All users/).count()).toBe(role === 'admin' ? 1 : 0);
    }
    await screenshot(adminApp.page, '25-admin-jobs');

    for (const app of [adaApp, bobApp, adminApp]) {
      expectQuietConsole(app);
      await app.close();
    }
  });

  it('signs in with the OpenID Connect provider: its button, its login page, and back as a new member', async () => {
    const label = inject('oidcButtonLabel');
    expect(label, 'global-setup starts a provider beside the accounts system').not.toBeNull();
    const app = await openSignedOut();
    const { page } = app;
    await page.getByRole('link', { name: label! }).click();
    // The provider's own (development) pages: a login form, then a consent form.
    const login = `carol-${runTag}`.toLowerCase();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await todosHeading(page).waitFor();
    expect(new URL(page.url()).origin).toBe(accountsUrl);
    await page.getByRole('link', { name: 'Account' }).click();
    await expect.poll(() => page.getByText(`${login}@idp.example`).count()).toBe(1);
    await screenshot(page, '25-signed-in-with-provider');
    await app.close();
  });

  it('goes to sign-in when the session is ended elsewhere while typing, and keeps what was typed', async () => {
    const email = newEmail('typist');
    const typist = await signUp(email);
    const app = await openSignedIn(typist);
    const { page } = app;
    const form = page.getByRole('form', { name: 'Add a todo' });
    const title = `Typed while signed out ${runTag}`;
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Description').fill('Not a word lost');
    await form.getByLabel('Deadline date').fill('2030-05-06');
    await form.getByLabel('Deadline time').fill('07:45');

    // Meanwhile, in another browser, the same person signs this session out from the account page.
    const other = await openSignedIn(await signIn(email), '/account');
    const sessions = other.page.getByRole('table', { name: 'Sessions' });
    await expect.poll(() => sessions.getByRole('row').count()).toBe(3); // header + two
    await sessions.getByRole('row').filter({ hasText: 'This session' }).waitFor();
    // The other one's button names its device (here the Node that signed it in) and time;
    // this one's says "this session".
    await sessions.getByRole('button', { name: /^Sign out .+, signed in / }).click();
    await expect.poll(() => sessions.getByRole('row').count()).toBe(2);

    await form.getByRole('button', { name: 'Add todo' }).click();
    await signInHeading(page).waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Your session ended; sign in again.' })
      .waitFor();
    await screenshot(page, '26-session-ended');
    const signInForm = page.getByRole('form', { name: 'Sign in' });
    expect(await signInForm.getByRole('textbox', { name: 'Email' }).inputValue()).toBe(email);
    expect((await focusedElement(page)).type).toBe('password');
    expect(await titlesOf(typist).catch(() => 'refused')).toBe('refused');

    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await todosHeading(page).waitFor();
    const restored = page.getByRole('form', { name: 'Add a todo' });
    expect(await restored.getByLabel('Title').inputValue()).toBe(title);
    expect(await restored.getByLabel('Description').inputValue()).toBe('Not a word lost');
    expect(await restored.getByLabel('Deadline date').inputValue()).toBe('2030-05-06');
    expect(await restored.getByLabel('Deadline time').inputValue()).toBe('07:45');
    const fresh = await signIn(email);
    expect(await titlesOf(fresh)).toEqual([]);

    await restored.getByRole('button', { name: 'Add todo' }).click();
    await todoItem(page, title).waitFor();
    // The page shows a new todo at once, before the API has stored it.
    await expect.poll(() => titlesOf(fresh)).toEqual([title]);
    expectQuietConsole(app, [401]);
    expectQuietConsole(other);
    await Promise.all([app.close(), other.close()]);
  });

  it('creates an API token shown once, which a script then uses until it is revoked', async () => {
    const owner = await signUp(newEmail('scripter'));
    const title = `Read by a script ${runTag}`;
    await callApiOk('/todos', { method: 'POST', body: { title }, as: owner });
    const app = await openSignedIn(owner, '/', ['clipboard-read', 'clipboard-write']);
    const { page } = app;

    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Account' })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Account' }).waitFor();
    const form = page.getByRole('form', { name: 'Create an API token' });
    await form.getByRole('textbox', { name: 'Name' }).fill('nightly backup');
    // A script that only reads: the `read` scope, chosen from the keyboard.
    await form.getByRole('radio', { name: 'write' }).focus();
    await page.keyboard.press('ArrowLeft');
    expect(await form.getByRole('radio', { name: 'read' }).isChecked()).toBe(true);
    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('region', { name: 'New token “nightly backup”' });
    await shown.getByText('it will not be shown again').waitFor();
    const token = await shown.getByRole('textbox', { name: 'Token' }).inputValue();
    expect(token.length).toBeGreaterThanOrEqual(22); // 128 bits and more
    await screenshot(page, '27-token-shown-once');

    await shown.getByRole('button', { name: 'Copy' }).click();
    await shown.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

    // The script's view: the owner's todos, with the token alone; and no write.
    expect(await titlesOf({ token })).toEqual([title]);
    const write = await callApi('/todos', { method: 'POST', body: { title: 'no' }, as: { token } });
    expect(write.status).toBe(403);

    // Gone after a reload: the page never held it anywhere but on screen.
    await page.reload();
    const row = page
      .getByRole('table', { name: 'API tokens' })
      .getByRole('row', { name: /nightly backup/ });
    await row.waitFor();
    expect(await page.content()).not.toContain(token);
    expect(await row.textContent()).not.toContain('Never'); // last used: by the script just now
    expect(await row.textContent()).toContain('read');

    await row.getByRole('button', { name: 'Revoke “nightly backup”' }).click();
    await page.getByRole('group', { name: /Revoke “nightly backup”\?/ }).waitFor();
    await screenshot(page, '28-revoke-confirm');
    await page.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('No API tokens yet.').waitFor();
    const refused = await callApi('/todos', { as: { token } });
    expect(refused.status).toBe(401);
    expectQuietConsole(app);
    await app.close();
  });

  it('works from the keyboard alone: sign up, sign in, the header, sign out', async () => {
    const app = await openSignedOut();
    const { page } = app;
    await page.getByRole('link', { name: inject('oidcButtonLabel')! }).waitFor();
    const email = newEmail('keys');
    const tab = async () => {
      await page.keyboard.press('Tab');
      return focusedElement(page);
    };
    /** From the Email field: the account's email and password, Enter, and the todos come. */
    const submitCredentials = async () => {
      await page.keyboard.type(email);
      await tab();
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');
      await todosHeading(page).waitFor();
    };

    // The keyboard starts in the first field.
    expect(await focusedElement(page)).toMatchObject({
      tag: 'INPUT',
      name: 'Email',
      outline: 'solid',
    });
    expect(await tab()).toMatchObject({ type: 'password', name: 'Password', outline: 'solid' });
    expect(await tab()).toMatchObject({ type: 'checkbox', name: 'Show password' });
    expect(await tab()).toMatchObject({ tag: 'BUTTON', name: 'Sign in', outline: 'solid' });
    expect(await tab()).toMatchObject({ tag: 'A', name: inject('oidcButtonLabel') });
    expect(await tab()).toMatchObject({ tag: 'BUTTON', name: 'Create an account' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Create an account' }).waitFor();
    expect(await focusedElement(page)).toMatchObject({ name: 'Email' });
    await submitCredentials();

    // Signed in, the keyboard starts at the page's content: the add form comes next, the header before.
    expect(await focusedElement(page)).toMatchObject({ tag: 'MAIN' });
    expect(await tab()).toMatchObject({ tag: 'INPUT', name: 'Title' });
    const back = async () => {
      await page.keyboard.press('Shift+Tab');
      return focusedElement(page);
    };
    expect(await back()).toMatchObject({ tag: 'BUTTON', name: 'Sign out', outline: 'solid' });
    expect(await back()).toMatchObject({ tag: 'A', name: 'Account' });
    expect(await back()).toMatchObject({ tag: 'A', name: 'Jobs' });
    expect(await back()).toMatchObject({ tag: 'A', name: 'Subscribe' });
    expect(await back()).toMatchObject({ tag: 'A', name: 'Todos', outline: 'solid' });
    await page.keyboard.press('Enter');
    await todosHeading(page).waitFor();
    expect(await tab()).toMatchObject({ tag: 'A', name: 'Subscribe' });
    expect(await tab()).toMatchObject({ tag: 'A', name: 'Jobs' });
    expect(await tab()).toMatchObject({ tag: 'A', name: 'Account' });
    expect(await tab()).toMatchObject({ tag: 'BUTTON', name: 'Sign out' });
    await page.keyboard.press('Enter');
    await signInHeading(page).waitFor();
    expect(await focusedElement(page)).toMatchObject({ name: 'Email' });

    await submitCredentials();
    expectQuietConsole(app, [401]);
    await app.close();
  });

  it('names every control, on the sign-in screen, the todos and the account page', async () => {
    const signedOut = await openSignedOut();
    // The provider's button comes with the server's answer, after the form: all of it, then.
    const providerLabel = inject('oidcButtonLabel')!;
    await signedOut.page.getByRole('link', { name: providerLabel }).waitFor();
    const named = await expectEveryControlNamed(signedOut.page);
    expect(named).toEqual(
      expect.arrayContaining([
        'textbox: Email',
        'textbox: Password',
        'checkbox: Show password',
        'button: Sign in',
        `link: ${providerLabel}`,
        'button: Create an account',
      ]),
    );
    await signedOut.page.getByRole('button', { name: 'Create an account' }).click();
    await expectEveryControlNamed(signedOut.page);
    await signedOut.close();

    const user = await signUp(newEmail('labels'));
    await callApiOk('/auth/tokens', {
      method: 'POST',
      body: { name: 'listed', current_password: PASSWORD },
      as: user,
    });
    const app = await openSignedIn(user);
    await expectEveryControlNamed(app.page);

    await app.page.getByRole('link', { name: 'Account' }).click();
    await app.page.getByRole('table', { name: 'Sessions' }).waitFor();
    const form = app.page.getByRole('form', { name: 'Create an API token' });
    await form.getByRole('textbox', { name: 'Name' }).fill('shown');
    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Create token' }).click();
    await app.page.getByRole('region', { name: 'New token “shown”' }).waitFor();
    await app.page.getByRole('button', { name: 'Revoke “listed”' }).click();
    const accountControls = await expectEveryControlNamed(app.page);
    expect(accountControls).toEqual(
      expect.arrayContaining([
        'textbox: Name',
        'radio: read',
        'radio: write',
        'radio: metrics',
        'textbox: Token',
        'button: Copy',
        'button: Revoke token',
        'button: Sign out this session',
        'button: Sign out everywhere',
        'textbox: Current password',
        'textbox: New password',
        'checkbox: Show passwords',
        'checkbox: Also revoke API tokens',
      ]),
    );
    const passwordForm = app.page.getByRole('form', { name: 'Change password' });
    await passwordForm.getByLabel('Current password').fill(PASSWORD);
    await passwordForm.getByLabel('New password', { exact: true }).fill('another long passphrase');
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await passwordForm
      .getByText(
        'Password changed. Your other sessions were signed out and your API tokens revoked.',
      )
      .waitFor();
    await app.page.getByText('No API tokens yet.').waitFor();
    expect((await callApi('/auth/me', { as: user })).status).toBe(200); // this one stays
    await screenshot(app.page, '29-account');
    // And on a 360 px phone, the header and the account page fit (tables scroll inside their cards).
    await app.page.setViewportSize({ width: 360, height: 780 });
    expect(await app.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await screenshot(app.page, '30-account-phone');
    expectQuietConsole(app);
    await app.close();
  });
});
