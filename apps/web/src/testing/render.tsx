import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { AppProviders } from '../app-providers';
import { CHECKING, type SessionState } from '../lib/session-state';
import { LOCAL_OWNER } from './fake-api';

export interface RenderOptions {
  /**
   * Where the session starts: by default signed in as AUTH_MODE=local's owner,
   * so that the page shows at once; `'check'` asks `GET /auth/me` as the page does.
   */
  session?: SessionState | 'check';
}

/** Renders inside the app's providers with a fresh cache that does not retry. */
export function renderWithProviders(ui: ReactElement, { session }: RenderOptions = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const user = userEvent.setup();
  const initialSession =
    session === 'check' ? CHECKING : (session ?? { status: 'signed-in', user: LOCAL_OWNER });
  return {
    user,
    queryClient,
    ...render(
      <AppProviders queryClient={queryClient} initialSession={initialSession}>
        {ui}
      </AppProviders>,
    ),
  };
}
