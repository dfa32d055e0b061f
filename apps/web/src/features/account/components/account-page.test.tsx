import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../app';
import { fakeApi, LOCAL_OWNER, user as makeUser } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import type { ApiTokenSummary, InviteSummary, SessionSummary } from '../types';

beforeEach(() => window.history.replaceState(null, '', '/account'));

const admin = makeUser({ email: 'first@example.com', role: 'admin' });
const SECRET = 'tof_0123456789abcdefghijklmnopqrstuv';
const INVITE_URL = 'http://localhost:3000/?invite=0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

function session(fields: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id: '10000000-0000-4000-8000-000000000001',
    created_at: '2026-03-01T09:00:00.000Z',
    last_seen_at: '2026-03-01T10:00:00.000Z',
    expires_at: '2026-03-08T10:00:00.000Z',
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
    current: false,
    ...fields,
  };
}

/** The API's answer to a wrong current password (a token's creation, a password change). */
const WRONG_PASSWORD = {
  status: 400,
  body: {
    error: 'Current password is wrong',
    message: 'The current password is not the one given',
    fields: { current_password: 'is wrong' },
  },
};

/** The account routes of the fake API, with their state. */
function accountApi() {
  const api = fakeApi([], { mode: 'accounts', user: admin });
  const tokens: ApiTokenSummary[] = [
    {
      id: '20000000-0000-4000-8000-000000000001',
      name: 'backup script',
      scope: 'write',
      created_at: '2026-02-01T09:00:00.000Z',
      last_used_at: null,
    },
  ];
  const sessions = [
    session({ id: '10000000-0000-4000-8000-000000000001', current: true }),
    session({
      id: '10000000-0000-4000-8000-000000000002',
      user_agent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Version/17.5 Mobile Safari/604.1',
    }),
  ];
  api.on('GET /auth/tokens', () => ({ body: tokens }));
  api.on('POST /auth/tokens', ({ body }) => {
    const { name, scope } = body as Pick<ApiTokenSummary, 'name' | 'scope'>;
    const created = {
      id: '20000000-0000-4000-8000-000000000002',
      name,
      scope,
      created_at: '2026-03-01T11:00:00.000Z',
    };
    tokens.unshift({ ...created, last_used_at: null });
    return { status: 201, body: { ...created, token: SECRET } };
  });
  api.on('DELETE /auth/tokens/:id', ({ params }) => {
    tokens.splice(
      tokens.findIndex((token) => token.id === params.id),
      1,
    );
    return { status: 204 };
  });
  api.on('GET /auth/sessions', () => ({ body: sessions }));
  api.on('DELETE /auth/sessions/:id', ({ params }) => {
    sessions.splice(
      sessions.findIndex((item) => item.id === params.id),
      1,
    );
    return { status: 204 };
  });
  api.on('DELETE /auth/sessions', () => {
    api.accounts.user = null;
    return { status: 204 };
  });
  api.on('PUT /auth/password', () => ({ status: 204 }));
  const invites: InviteSummary[] = [];
  api.on('GET /admin/invites', () => ({ body: invites }));
  api.on('POST /admin/invites', () => {
    const created = {
      id: '30000000-0000-4000-8000-000000000001',
      created_at: '2026-03-01T11:00:00.000Z',
      expires_at: '2026-03-08T11:00:00.000Z',
    };
    invites.unshift(created);
    return { status: 201, body: { ...created, url: INVITE_URL } };
  });
  api.on('DELETE /admin/invites/:id', ({ params }) => {
    invites.splice(
      invites.findIndex((invite) => invite.id === params.id),
      1,
    );
    return { status: 204 };
  });
  return { api, tokens, sessions };
}

const renderAccount = (user = admin) =>
  renderWithProviders(<App />, { session: { status: 'signed-in', user } });

it('is reached from the header and says who is signed in, with the admin’s reach', async () => {
  accountApi();
  window.history.replaceState(null, '', '/');
  const { user } = renderAccount();
  await user.click(screen.getByRole('link', { name: 'Account' }));
  expect(await screen.findByRole('heading', { level: 2, name: 'Account' })).toBeInTheDocument();
  expect(document.title).toBe('Account · TaskOverflow');
  const you = screen.getByRole('region', { name: 'You' });
  expect(within(you).getByText('first@example.com')).toBeInTheDocument();
  expect(within(you).getByText('Admin')).toBeInTheDocument();
  expect(within(you).getByText(/every user’s exports/)).toBeInTheDocument();
  const headings = screen.getAllByRole('heading').map((h) => `${h.tagName} ${h.textContent}`);
  expect(headings).toEqual([
    'H1 TaskOverflow',
    'H2 Account',
    'H3 You',
    'H3 Calendar time zone',
    'H3 API tokens',
    'H3 Sessions',
    'H3 Change password',
    'H3 Invite links',
  ]);
});

describe('invite links', () => {
  it('are the admin’s: made and shown once to copy, listed without the link, revoked after asking', async () => {
    const { api } = accountApi();
    api.accounts.setup = { claimed: true, sign_up: 'invite' };
    const { user } = renderAccount();
    const section = await screen.findByRole('region', { name: 'Invite links' });
    expect(
      await within(section).findByText(/Sign-up here needs an invite \(SIGN_UP=invite\)/),
    ).toBeInTheDocument();
    expect(within(section).getByText('No unused invite links.')).toBeInTheDocument();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');

    await user.click(within(section).getByRole('button', { name: 'Make an invite link' }));
    const shown = await screen.findByRole('region', { name: 'New invite link' });
    const link = within(shown).getByLabelText('Invite link');
    expect(link).toHaveValue(INVITE_URL);
    expect(link).toHaveFocus();
    await user.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(INVITE_URL);
    const table = await within(section).findByRole('table', { name: 'Unused invite links' });
    expect(table).not.toHaveTextContent(INVITE_URL);
    await user.click(within(shown).getByRole('button', { name: 'Done, hide it' }));
    expect(within(section).getByRole('button', { name: 'Make an invite link' })).toHaveFocus();

    await user.click(within(table).getByRole('button', { name: /^Revoke the invite made/ }));
    await user.click(screen.getByRole('button', { name: 'Revoke invite' }));
    expect(await within(section).findByText('No unused invite links.')).toBeInTheDocument();
    expect(api.requests.find((request) => request.method === 'DELETE')?.path).toBe(
      '/admin/invites/30000000-0000-4000-8000-000000000001',
    );
  });

  it('are not shown to a member', async () => {
    accountApi();
    renderAccount(makeUser({ role: 'member' }));
    expect(await screen.findByRole('heading', { name: 'Sessions' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Invite links' })).not.toBeInTheDocument();
  });
});

it('says there is no account to manage in AUTH_MODE=local', async () => {
  fakeApi();
  renderAccount(LOCAL_OWNER);
  expect(await screen.findByText(/runs without accounts \(AUTH_MODE=local\)/)).toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: 'API tokens' })).not.toBeInTheDocument();
});

describe('API tokens', () => {
  it('lists them with their scope and last use, never with a secret', async () => {
    const { tokens } = accountApi();
    tokens.push({
      id: '20000000-0000-4000-8000-000000000003',
      name: 'scraper',
      scope: 'metrics',
      created_at: '2026-02-01T09:00:00.000Z',
      last_used_at: '2026-02-02T10:00:00.000Z',
    });
    renderAccount();
    const table = await screen.findByRole('table', { name: 'API tokens' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(expect.arrayContaining(['Scope', 'Last used']));
    const row = within(table).getByRole('row', { name: /backup script/ });
    expect(row).toHaveTextContent('write');
    expect(row).toHaveTextContent('Never');
    const used = within(table).getByRole('row', { name: /scraper/ });
    expect(used).toHaveTextContent('metrics');
    expect(used).not.toHaveTextContent('Never');
  });

  it('makes one of the scope picked, each scope explained, with the current password', async () => {
    const { api } = accountApi();
    const { user } = renderAccount();
    const form = await screen.findByRole('form', { name: 'Create an API token' });
    const scopes = within(form).getByRole('group', { name: 'Scope' });
    expect(within(scopes).getByRole('radio', { name: 'write' })).toBeChecked();
    const read = within(scopes).getByRole('radio', { name: 'read' });
    expect(read).toHaveAccessibleDescription(/change nothing/);
    expect(within(scopes).getByRole('radio', { name: 'metrics' })).toHaveAccessibleDescription(
      /metrics endpoint/,
    );

    await user.type(within(form).getByLabelText('Name'), 'dashboard');
    await user.click(read);
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    const password = within(form).getByLabelText('Current password');
    expect(password).toHaveAccessibleDescription(
      expect.stringContaining('Current password is required.'),
    );
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.type(password, 'my passphrase{Enter}');
    await screen.findByRole('region', { name: 'New token “dashboard”' });
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'dashboard',
      scope: 'read',
      current_password: 'my passphrase',
    });
    expect(password).toHaveValue('');
    expect(within(scopes).getByRole('radio', { name: 'write' })).toBeChecked();
    expect(await screen.findByRole('row', { name: /dashboard/ })).toHaveTextContent('read');
  });

  it('shows the API’s refusal of a wrong password next to it', async () => {
    const { api } = accountApi();
    api.on('POST /auth/tokens', () => WRONG_PASSWORD);
    const { user } = renderAccount();
    const form = await screen.findByRole('form', { name: 'Create an API token' });
    await user.type(within(form).getByLabelText('Name'), 'stolen');
    await user.type(within(form).getByLabelText('Current password'), 'guess{Enter}');
    const password = within(form).getByLabelText('Current password');
    await waitFor(() =>
      expect(password).toHaveAccessibleDescription(
        expect.stringContaining('Current password is wrong.'),
      ),
    );
    expect(screen.queryByRole('region', { name: /New token/ })).not.toBeInTheDocument();
  });

  it('shows a new token once, selected, with a copy button and the warning', async () => {
    const { api } = accountApi();
    const { user } = renderAccount();
    // user-event puts a clipboard of its own in place: spy on it.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    const form = await screen.findByRole('form', { name: 'Create an API token' });
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    expect(within(form).getByLabelText('Name')).toHaveAccessibleDescription(
      expect.stringContaining('Name is required.'),
    );

    await user.type(within(form).getByLabelText('Name'), 'ci deploy');
    await user.type(within(form).getByLabelText('Current password'), 'my passphrase{Enter}');
    const shown = await screen.findByRole('region', { name: 'New token “ci deploy”' });
    const secret = within(shown).getByLabelText('Token');
    expect(secret).toHaveValue(SECRET);
    expect(secret).toHaveFocus();
    expect(secret).toHaveAccessibleDescription(/it will not be shown again/);
    expect(
      api.requests.find((r) => r.path === '/auth/tokens' && r.method === 'POST')?.body,
    ).toEqual({
      name: 'ci deploy',
      scope: 'write',
      current_password: 'my passphrase',
    });
    expect(within(form).getByLabelText('Name')).toHaveValue('');
    expect(await screen.findByRole('row', { name: /ci deploy/ })).not.toHaveTextContent(SECRET);

    await user.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(within(shown).getByRole('status')).toHaveTextContent('Copied to the clipboard.');

    await user.click(within(shown).getByRole('button', { name: 'Done, hide it' }));
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(within(form).getByLabelText('Name')).toHaveFocus();
  });

  it('selects the token for Ctrl+C where the clipboard cannot be used', async () => {
    accountApi();
    const { user } = renderAccount();
    // As in a page served over plain http to another machine: no clipboard API at all.
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    const form = await screen.findByRole('form', { name: 'Create an API token' });
    await user.type(within(form).getByLabelText('Name'), 'no clipboard');
    await user.type(within(form).getByLabelText('Current password'), 'my passphrase{Enter}');
    const shown = await screen.findByRole('region', { name: 'New token “no clipboard”' });
    const secret = within(shown).getByLabelText<HTMLInputElement>('Token');
    await user.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(secret).toHaveFocus();
    expect([secret.selectionStart, secret.selectionEnd]).toEqual([0, SECRET.length]);
    expect(within(shown).getByRole('status')).toHaveTextContent(/press Ctrl\+C/);
  });

  it('revokes one after asking, and Cancel asks nothing of the API', async () => {
    const { api } = accountApi();
    const { user } = renderAccount();
    const revoke = await screen.findByRole('button', { name: 'Revoke “backup script”' });
    await user.click(revoke);
    const question = screen.getByRole('group', { name: /Revoke “backup script”\?/ });
    expect(within(question).getByRole('button', { name: 'Revoke token' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Revoke “backup script”' })).toHaveFocus();
    expect(api.requests.some((request) => request.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Revoke “backup script”' }));
    await user.click(screen.getByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByText('No API tokens yet.')).toBeInTheDocument();
    expect(api.requests.find((request) => request.method === 'DELETE')?.path).toBe(
      '/auth/tokens/20000000-0000-4000-8000-000000000001',
    );
    expect(screen.getByText('Revoked “backup script”.')).toBeInTheDocument();
  });
});

describe('sessions', () => {
  it('lists them with this one marked, and signs another out', async () => {
    const { api } = accountApi();
    const { user } = renderAccount();
    const table = await screen.findByRole('table', { name: 'Sessions' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Firefox on Linux');
    expect(rows[0]).toHaveTextContent('This session');
    expect(rows[1]).toHaveTextContent('Safari on iOS');
    expect(rows[1]).not.toHaveTextContent('This session');

    await user.click(within(rows[1]!).getByRole('button', { name: /^Sign out Safari on iOS/ }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(api.requests.find((request) => request.method === 'DELETE')?.path).toBe(
      '/auth/sessions/10000000-0000-4000-8000-000000000002',
    );
  });

  it('signs out everywhere after asking, and shows sign-in', async () => {
    const { api } = accountApi();
    const { user } = renderAccount();
    await user.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
    await user.click(
      within(
        screen.getByRole('group', { name: /Sign out everywhere, this browser too/ }),
      ).getByRole('button', { name: 'Sign out everywhere' }),
    );
    expect(await screen.findByRole('heading', { level: 2, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText('You signed out.')).toBeInTheDocument();
    expect(api.requests.some((r) => r.method === 'DELETE' && r.path === '/auth/sessions')).toBe(
      true,
    );
  });
});

describe('password change', () => {
  const fill = async (
    user: ReturnType<typeof renderAccount>['user'],
    current: string,
    next: string,
  ) => {
    const form = await screen.findByRole('form', { name: 'Change password' });
    if (current) await user.type(within(form).getByLabelText('Current password'), current);
    if (next) await user.type(within(form).getByLabelText('New password'), next);
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    return form;
  };

  it('needs the current password, and shows the API’s refusal next to it', async () => {
    const { api } = accountApi();
    api.on('PUT /auth/password', () => WRONG_PASSWORD);
    const { user } = renderAccount();
    const form = await fill(user, '', 'a long new passphrase');
    const current = within(form).getByLabelText('Current password');
    expect(current).toHaveAccessibleDescription('Current password is required.');
    expect(current).toHaveFocus();

    await user.type(current, 'not it');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(current).toHaveAccessibleDescription('Current password is wrong.'));
    expect(current).toHaveFocus();
    expect(api.requests.find((r) => r.method === 'PUT')?.body).toEqual({
      current_password: 'not it',
      new_password: 'a long new passphrase',
      revoke_tokens: true,
    });
  });

  it('revokes the API tokens too unless the box, ticked at first, is unticked', async () => {
    const { api } = accountApi();
    const { user } = renderAccount();
    const form = await screen.findByRole('form', { name: 'Change password' });
    const box = within(form).getByRole('checkbox', { name: 'Also revoke API tokens' });
    expect(box).toBeChecked();
    await user.click(box);
    await fill(user, 'the old one', 'a long new passphrase');
    expect(await within(form).findByRole('status')).toHaveTextContent('your API tokens still work');
    expect(api.requests.find((r) => r.method === 'PUT')?.body).toMatchObject({
      revoke_tokens: false,
    });
  });

  it('explains the rules of the new one, and says when it is done', async () => {
    accountApi();
    const { user } = renderAccount();
    const form = await fill(user, 'the old one', 'short');
    const next = within(form).getByLabelText('New password');
    expect(next).toHaveAccessibleDescription(/New password must be at least 8 characters\./);
    expect(next).toHaveAccessibleDescription(/8 to 128 characters/);

    await user.clear(next);
    await user.type(next, 'a long new passphrase');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByRole('status')).toHaveTextContent(
      'Password changed. Your other sessions were signed out and your API tokens revoked.',
    );
    expect(within(form).getByLabelText('Current password')).toHaveValue('');
  });
});
