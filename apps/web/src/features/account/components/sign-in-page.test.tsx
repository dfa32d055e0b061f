// The account flow of the whole page (App), against the fake API in both modes.
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../app';
import { fakeApi, todo, user as makeUser } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';

beforeEach(() => window.history.replaceState(null, '', '/'));

const PASSWORD = 'correct horse battery staple';
const ada = makeUser({ email: 'ada@example.com' });
const signInForm = () => screen.getByRole('form', { name: 'Sign in' });
const email = () => screen.getByLabelText('Email');
const password = () => screen.getByLabelText('Password');
const addForm = () => screen.getByRole('form', { name: 'Add a todo' });

describe('AUTH_MODE=local', () => {
  it('shows the page as before accounts: no sign-in, no sign-out; the account link for its settings', async () => {
    const api = fakeApi([todo({ id: 1, title: 'Buy milk' })]);
    renderWithProviders(<App />, { session: 'check' });
    expect(await screen.findByText('Buy milk')).toBeInTheDocument();
    expect(api.requests[0]?.path).toBe('/auth/me');
    const links = within(screen.getByRole('navigation', { name: 'Pages' })).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Todos',
      'Subscribe',
      'Jobs',
      'Account',
    ]);
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Sign in' })).not.toBeInTheDocument();
  });
});

describe('signing in', () => {
  it('asks for sign-in when nobody is, with the keyboard in the first field', async () => {
    fakeApi([], { mode: 'accounts' });
    renderWithProviders(<App />, { session: 'check' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Sign in' })).toBeInTheDocument();
    expect(email()).toHaveFocus();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(document.title).toBe('Sign in · TaskOverflow');
  });

  it('says what is missing next to each field, and focuses the first', async () => {
    const api = fakeApi([], { mode: 'accounts' });
    const { user } = renderWithProviders(<App />, { session: 'check' });
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(email()).toHaveAttribute('aria-invalid', 'true');
    expect(email()).toHaveAccessibleDescription('Email is required.');
    expect(password()).toHaveAccessibleDescription('Password is required.');
    expect(email()).toHaveFocus();
    expect(api.requests.some((request) => request.path === '/auth/sign-in')).toBe(false);

    await user.type(email(), 'ada@example.com');
    expect(email()).not.toHaveAttribute('aria-invalid');
  });

  it('gives a wrong password one generic alert, focused, and keeps what was typed', async () => {
    fakeApi([], { mode: 'accounts' });
    const { user } = renderWithProviders(<App />, { session: 'check' });
    await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
    await user.type(password(), 'not the password');
    await user.keyboard('{Enter}');
    const alert = await within(signInForm()).findByRole('alert');
    expect(alert).toHaveTextContent(
      'Invalid email or password. Check the email and the password, or sign up.',
    );
    expect(alert).toHaveFocus();
    expect(email()).toHaveValue('ada@example.com');
  });

  it('shows the page, the account link and Sign out once signed in', async () => {
    const api = fakeApi([], { mode: 'accounts' });
    const { user } = renderWithProviders(<App />, { session: 'check' });
    await user.type(await screen.findByLabelText('Email'), '  ada@example.com ');
    await user.type(password(), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Todos' })).toBeInTheDocument();
    expect(api.requests.find((request) => request.path === '/auth/sign-in')?.body).toEqual({
      email: 'ada@example.com',
      password: PASSWORD,
    });
    const nav = screen.getByRole('navigation', { name: 'Pages' });
    expect(within(nav).getByRole('link', { name: 'Account' })).toHaveAttribute('href', '/account');
    expect(screen.getByText('ada@example.com')).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveFocus();
  });

  it('lets the password be shown', async () => {
    fakeApi([], { mode: 'accounts' });
    const { user } = renderWithProviders(<App />, { session: 'check' });
    await user.type(await screen.findByLabelText('Password'), 'secret');
    expect(password()).toHaveAttribute('type', 'password');
    await user.click(screen.getByLabelText('Show password'));
    expect(password()).toHaveAttribute('type', 'text');
  });
});

describe('signing up', () => {
  async function openSignUp() {
    const api = fakeApi([], { mode: 'accounts' });
    const rendered = renderWithProviders(<App />, { session: 'check' });
    await rendered.user.click(await screen.findByRole('button', { name: 'Create an account' }));
    expect(
      screen.getByRole('heading', { level: 2, name: 'Create an account' }),
    ).toBeInTheDocument();
    return { api, ...rendered };
  }

  it('explains the password rules with the field, and checks the length before sending', async () => {
    const { api, user } = await openSignUp();
    expect(email()).toHaveFocus();
    expect(password()).toHaveAccessibleDescription(/8 to 128 characters.*no rules about digits/);
    expect(password()).toHaveAttribute('autocomplete', 'new-password');
    await user.type(email(), 'ada@example.com');
    await user.type(password(), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(password()).toHaveAccessibleDescription(
      expect.stringContaining('Password must be at least 8 characters.'),
    );
    expect(password()).toHaveFocus();
    expect(api.requests.some((request) => request.path === '/auth/sign-up')).toBe(false);
  });

  it('shows the API’s refusal of a common password next to the field, in its words', async () => {
    const { api, user } = await openSignUp();
    api.on('POST /auth/sign-up', () => ({
      status: 400,
      body: {
        error: 'Bad Request',
        message:
          'password is one of the most common passwords, which are tried first; choose another',
        fields: {
          password: 'is one of the most common passwords, which are tried first; choose another',
        },
      },
    }));
    await user.type(email(), 'ada@example.com');
    await user.type(password(), 'password123');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(password()).toHaveAttribute('aria-invalid', 'true'));
    expect(password()).toHaveAccessibleDescription(
      expect.stringContaining(
        'Password is one of the most common passwords, which are tried first; choose another.',
      ),
    );
    expect(password()).toHaveFocus();
  });

  it('says a taken email at the email field', async () => {
    const { api, user } = await openSignUp();
    api.on('POST /auth/sign-up', () => ({
      status: 409,
      body: {
        error: 'Conflict',
        message: 'An account with this email exists already; sign in instead',
      },
    }));
    await user.type(email(), 'ada@example.com');
    await user.type(password(), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() =>
      expect(email()).toHaveAccessibleDescription(
        'An account with this email exists already; sign in instead.',
      ),
    );
    expect(email()).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Sign in instead' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Sign in' })).toBeInTheDocument();
    expect(email()).toHaveValue('ada@example.com');
    expect(email()).not.toHaveAttribute('aria-invalid');
  });

  it('says how long to wait when throttled, in words', async () => {
    const { api, user } = await openSignUp();
    api.on('POST /auth/sign-up', () => ({
      status: 429,
      body: { error: 'Too Many Requests', message: 'Rate limit exceeded, retry in 15 minutes' },
      headers: { 'Retry-After': '900' },
    }));
    await user.type(email(), 'ada@example.com');
    await user.type(password(), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many attempts. Try again in 15 minutes.');
    expect(alert).toHaveFocus();
  });

  it('signs the new account in', async () => {
    const { api, user } = await openSignUp();
    await user.type(email(), 'new@example.com');
    await user.type(password(), PASSWORD);
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 2, name: 'Todos' })).toBeInTheDocument();
    expect(api.requests.find((request) => request.path === '/auth/sign-up')?.body).toEqual({
      email: 'new@example.com',
      password: PASSWORD,
    });
  });
});

describe('when the session ends', () => {
  function signedInAsAda(todos = [todo({ id: 1, title: 'Buy milk' })]) {
    const api = fakeApi(todos, { mode: 'accounts', user: ada });
    const rendered = renderWithProviders(<App />, {
      session: { status: 'signed-in', user: ada },
    });
    return { api, ...rendered };
  }

  it('goes back to sign-in, says why, and gives the add form its text back after sign-in', async () => {
    const { api, user } = signedInAsAda();
    await screen.findByText('Buy milk');
    const form = addForm();
    await user.type(within(form).getByLabelText('Title'), 'Call the plumber');
    await user.type(within(form).getByLabelText(/^Description/), 'Before Friday');
    await user.type(within(form).getByLabelText('Deadline date'), '2030-04-02');
    await user.type(within(form).getByLabelText('Deadline time'), '08:30');

    api.accounts.user = null; // expired, or revoked elsewhere
    await user.click(within(form).getByRole('button', { name: 'Add todo' }));

    const reason = await screen.findByRole('alert');
    expect(reason).toHaveTextContent('Your session ended; sign in again.');
    expect(reason).toHaveTextContent('What you were typing is kept');
    // The account is known: its email is filled in, and the keyboard waits in the password.
    expect(email()).toHaveValue('ada@example.com');
    expect(password()).toHaveFocus();
    expect(screen.queryByText('Buy milk')).not.toBeInTheDocument();

    await user.type(password(), `${PASSWORD}{Enter}`);
    const restored = await screen.findByRole('form', { name: 'Add a todo' });
    expect(within(restored).getByLabelText('Title')).toHaveValue('Call the plumber');
    expect(within(restored).getByLabelText(/^Description/)).toHaveValue('Before Friday');
    expect(within(restored).getByLabelText('Deadline date')).toHaveValue('2030-04-02');
    expect(within(restored).getByLabelText('Deadline time')).toHaveValue('08:30');
    expect(api.todos.map((item) => item.title)).toEqual(['Buy milk']);

    await user.click(within(restored).getByRole('button', { name: 'Add todo' }));
    await waitFor(() =>
      expect(api.todos.map((item) => item.title)).toEqual(['Buy milk', 'Call the plumber']),
    );
    expect(within(addForm()).getByLabelText('Title')).toHaveValue('');
  });

  it('reopens an edit form with what was typed in it', async () => {
    const { api, user } = signedInAsAda();
    await user.click(await screen.findByRole('button', { name: 'Edit “Buy milk”' }));
    const form = screen.getByRole('form', { name: 'Edit “Buy milk”' });
    await user.clear(within(form).getByLabelText('Title'));
    await user.type(within(form).getByLabelText('Title'), 'Buy oat milk');
    api.accounts.user = null;
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    await user.type(await screen.findByLabelText('Password'), `${PASSWORD}{Enter}`);
    const reopened = await screen.findByRole('form', { name: 'Edit “Buy milk”' });
    expect(within(reopened).getByLabelText('Title')).toHaveValue('Buy oat milk');
    expect(api.todos[0]?.title).toBe('Buy milk');
  });

  it('never shows one account’s typing to another', async () => {
    const { api, user } = signedInAsAda();
    await user.type(
      within(await screen.findByRole('form', { name: 'Add a todo' })).getByLabelText('Title'),
      'Ada’s secret',
    );
    api.accounts.user = null;
    await user.click(screen.getByRole('button', { name: 'Add todo' }));
    await user.clear(await screen.findByLabelText('Email'));
    await user.type(email(), 'bob@example.com');
    await user.type(password(), `${PASSWORD}{Enter}`);
    const form = await screen.findByRole('form', { name: 'Add a todo' });
    expect(within(form).getByLabelText('Title')).toHaveValue('');
  });

  it('ends on purpose with Sign out, which forgets the drafts', async () => {
    const { api, user } = signedInAsAda();
    await user.type(
      within(await screen.findByRole('form', { name: 'Add a todo' })).getByLabelText('Title'),
      'Half typed',
    );
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('You signed out.')).toBeInTheDocument();
    expect(api.requests.some((request) => request.path === '/auth/sign-out')).toBe(true);
    expect(email()).toHaveFocus();
    expect(email()).toHaveValue('');
    await user.type(email(), 'ada@example.com');
    await user.type(password(), `${PASSWORD}{Enter}`);
    const form = await screen.findByRole('form', { name: 'Add a todo' });
    expect(within(form).getByLabelText('Title')).toHaveValue('');
  });
});

describe('signing in with OpenID Connect', () => {
  it('shows the provider’s button when the server has one, and nothing otherwise', async () => {
    fakeApi([], { mode: 'accounts', oidcLabel: 'Sign in with Example ID' });
    renderWithProviders(<App />, { session: 'check' });
    const button = await screen.findByRole('link', { name: 'Sign in with Example ID' });
    expect(button).toHaveAttribute('href', '/api/v1/auth/oidc');
  });

  it('says why the provider’s sign-in failed, once: the message leaves the address', async () => {
    window.history.replaceState(null, '', '/?sign_in_error=The%20provider%20said%20no');
    fakeApi([], { mode: 'accounts' });
    renderWithProviders(<App />, { session: 'check' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The provider said no');
    expect(window.location.search).toBe('');
    expect(screen.queryByRole('link', { name: /Sign in with/ })).not.toBeInTheDocument();
  });
});

describe('claiming an unclaimed instance', () => {
  const setupCode = () => screen.getByLabelText('Setup code');

  it('opens with the setup code field, says where to find the code, and sends it', async () => {
    const api = fakeApi([], { mode: 'accounts', setup: { claimed: false, sign_up: 'open' } });
    const { user } = renderWithProviders(<App />, { session: 'check' });
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Set up TaskOverflow' }),
    ).toBeInTheDocument();
    expect(setupCode()).toHaveAccessibleDescription(
      expect.stringContaining('npm start, or docker compose logs api'),
    );
    await user.type(email(), 'operator@example.com');
    await user.type(password(), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Create admin account' }));
    expect(setupCode()).toHaveAccessibleDescription(
      expect.stringContaining('Setup code is required.'),
    );
    expect(setupCode()).toHaveFocus();
    expect(api.requests.some((request) => request.path === '/auth/sign-up')).toBe(false);

    await user.type(setupCode(), ' 7kq2-abcd-efgh-jkmn-pqrs ');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 2, name: 'Todos' })).toBeInTheDocument();
    expect(api.requests.find((request) => request.path === '/auth/sign-up')?.body).toEqual({
      email: 'operator@example.com',
      password: PASSWORD,
      setup_code: '7kq2-abcd-efgh-jkmn-pqrs',
    });
  });

  it('shows a wrong code at its field, in the API’s words', async () => {
    const api = fakeApi([], { mode: 'accounts', setup: { claimed: false, sign_up: 'closed' } });
    api.on('POST /auth/sign-up', () => ({
      status: 403,
      body: {
        error: 'Forbidden',
        message: 'The setup code is wrong, or was used: the instance may be claimed already',
        fields: { setup_code: 'is wrong or was used' },
      },
    }));
    const { user } = renderWithProviders(<App />, { session: 'check' });
    await user.type(await screen.findByLabelText('Setup code'), 'WRONG');
    await user.type(email(), 'operator@example.com');
    await user.type(password(), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Create admin account' }));
    await waitFor(() =>
      expect(setupCode()).toHaveAccessibleDescription(
        expect.stringContaining('Setup code is wrong or was used.'),
      ),
    );
    // Closed sign-up: signing in offers no sign-up, but the claim.
    await user.click(screen.getByRole('button', { name: 'Sign in instead' }));
    expect(screen.queryByRole('button', { name: 'Create an account' })).not.toBeInTheDocument();
    expect(screen.getByText(/Sign-up is closed here/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Set it up with the setup code' }));
    expect(setupCode()).toBeInTheDocument();
  });

  it('shows no setup code field once an admin exists', async () => {
    fakeApi([], { mode: 'accounts' });
    renderWithProviders(<App />, { session: 'check' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Sign in' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Create an account' })));
    expect(screen.queryByLabelText('Setup code')).not.toBeInTheDocument();
    expect(screen.queryByText(/Set it up/)).not.toBeInTheDocument();
  });
});

describe('an invite link', () => {
  it('opens the sign-up form with the invite filled in, sends it, and leaves the address', async () => {
    window.history.replaceState(null, '', '/?invite=the-invite-secret');
    const api = fakeApi([], { mode: 'accounts', setup: { claimed: true, sign_up: 'invite' } });
    const { user } = renderWithProviders(<App />, { session: 'check' });
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Create an account' }),
    ).toBeInTheDocument();
    expect(screen.getByText('You were invited: create your account.')).toBeInTheDocument();
    expect(screen.getByLabelText('Invite')).toHaveValue('the-invite-secret');
    await user.type(email(), 'bob@example.com');
    await user.type(password(), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Todos' })).toBeInTheDocument();
    expect(api.requests.find((request) => request.path === '/auth/sign-up')?.body).toEqual({
      email: 'bob@example.com',
      password: PASSWORD,
      invite: 'the-invite-secret',
    });
    expect(window.location.search).toBe('');
  });
});
