import { screen } from '@testing-library/react';
import { expect, it, vi } from 'vitest';
import { App } from './app';
import { ErrorBoundary } from './components/error-boundary';
import { renderWithProviders } from './testing/render';

it('never leaves the page blank when the API is unreachable', async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
  );
  renderWithProviders(<App />);
  expect(screen.getByRole('heading', { level: 1, name: 'TaskOverflow' })).toBeInTheDocument();
  expect(
    await screen.findByText(/Could not load your todos\. Cannot reach the server/),
  ).toBeInTheDocument();
  expect(await screen.findByText(/Could not load recent exports\./)).toBeInTheDocument();
  expect(screen.getByRole('form', { name: 'Add a todo' })).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Export calendar' })).toBeEnabled();
});

it('shows what failed, instead of a blank page, when a part of the page crashes', async () => {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  let broken = true;
  function Fragile() {
    if (broken) throw new Error('unexpected answer');
    return <p>Recovered</p>;
  }
  const { user } = renderWithProviders(
    <ErrorBoundary what="your todos">
      <Fragile />
    </ErrorBoundary>,
  );
  expect(screen.getByRole('alert')).toHaveTextContent(
    'We could not show your todos: unexpected answer',
  );
  expect(logged).toHaveBeenCalled();
  broken = false;
  await user.click(screen.getByRole('button', { name: 'Try again' }));
  expect(screen.getByText('Recovered')).toBeInTheDocument();
});
