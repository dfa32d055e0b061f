import { screen, within } from '@testing-library/react';
import { beforeEach, expect, it } from 'vitest';
import { App } from '../../../app';
import { fakeApi, LOCAL_OWNER, user as makeUser } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import type { User } from '../types';

beforeEach(() => window.history.replaceState(null, '', '/account'));

/** The fake API's PATCH /auth/me: takes a setting, as the instance (Europe/Paris by default) would. */
function withTimeZones(user: User, instanceZone: string | null = 'Europe/Paris') {
  const api = fakeApi([], { mode: user.role === 'owner' ? 'local' : 'accounts', user });
  let current = { ...user, calendar_time_zone: instanceZone };
  api.on('PATCH /auth/me', ({ body }) => {
    const { time_zone } = body as { time_zone: string | null };
    const calendar =
      time_zone === null ? instanceZone : time_zone === 'floating' ? null : time_zone;
    current = { ...current, time_zone, calendar_time_zone: calendar };
    return { body: { user: current } };
  });
  return { api, initial: current };
}

const card = () => screen.getByRole('region', { name: 'Calendar time zone' });
const select = () => within(card()).getByRole('combobox', { name: 'Time zone' });
const save = () => within(card()).getByRole('button', { name: 'Save time zone' });

it('is on the account page, which the local owner reaches from the header', async () => {
  const { initial } = withTimeZones(LOCAL_OWNER);
  window.history.replaceState(null, '', '/');
  const { user } = renderWithProviders(<App />, {
    session: { status: 'signed-in', user: initial },
  });
  await user.click(screen.getByRole('link', { name: 'Account' }));
  expect(await screen.findByRole('heading', { name: 'Calendar time zone' })).toBeInTheDocument();
  expect(select()).toHaveValue('');
  expect(select()).toHaveAccessibleDescription(
    'Calendars now use Europe/Paris, the instance default.',
  );
  const options = within(select())
    .getAllByRole('option')
    .map((option) => option.textContent);
  expect(options.slice(0, 2)).toEqual(['Instance default', 'Floating']);
  expect(options).toContain('Europe/Berlin');
  expect(options).toHaveLength(2 + Intl.supportedValuesOf('timeZone').length);
});

it.each([
  ['Europe/Berlin', 'Europe/Berlin', 'Europe/Berlin'],
  ['Floating', 'floating', 'floating times (the same clock time everywhere)'],
  ['Instance default', null, 'Europe/Paris, the instance default'],
] as const)('saves %s as %j', async (label, sent, words) => {
  const { api, initial } = withTimeZones(
    makeUser({ role: 'member', time_zone: 'Asia/Tokyo', calendar_time_zone: 'Asia/Tokyo' }),
  );
  const { user } = renderWithProviders(<App />, {
    session: { status: 'signed-in', user: initial },
  });
  await screen.findByRole('heading', { name: 'Calendar time zone' });
  expect(select()).toHaveValue('Asia/Tokyo');
  await user.selectOptions(select(), label);
  await user.click(save());
  expect(await within(card()).findByRole('status')).toHaveTextContent('Saved.');
  expect(api.requests.filter((request) => request.method === 'PATCH')).toEqual([
    expect.objectContaining({ path: '/auth/me', body: { time_zone: sent } }),
  ]);
  expect(select()).toHaveAccessibleDescription(`Calendars now use ${words}.`);
});

it('shows the API’s refusal next to the select, and keeps the choice', async () => {
  const { api, initial } = withTimeZones(LOCAL_OWNER);
  api.on('PATCH /auth/me', () => ({
    status: 400,
    body: {
      error: 'Bad Request',
      message: 'time_zone must be an IANA time zone',
      fields: { time_zone: 'must be an IANA time zone like Europe/Berlin (case-sensitive)' },
    },
  }));
  const { user } = renderWithProviders(<App />, {
    session: { status: 'signed-in', user: initial },
  });
  await screen.findByRole('heading', { name: 'Calendar time zone' });
  await user.selectOptions(select(), 'Europe/Berlin');
  await user.click(save());
  expect(await within(card()).findByText(/^Time zone must be an IANA time zone/)).toBeVisible();
  expect(select()).toHaveAttribute('aria-invalid', 'true');
  expect(select()).toHaveFocus();
  expect(select()).toHaveValue('Europe/Berlin');
});
