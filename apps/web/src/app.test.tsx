import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { App } from './app';
import { ErrorBoundary } from './components/error-boundary';
import { fakeApi } from './testing/fake-api';
import { renderWithProviders } from './testing/render';

afterEach(() => window.history.replaceState(null, '', '/'));

it('never leaves the page blank when the API is unreachable', async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
  );
  // Nobody can say who is calling either: the page shows as before accounts, each part with its error.
  renderWithProviders(<App />, { session: 'check' });
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

it('has a page for the jobs, with its own address, reached from the header and left with Back', async () => {
  fakeApi();
  const { user } = renderWithProviders(<App />);
  const pages = screen.getByRole('navigation', { name: 'Pages' });
  const link = (name: string) => within(pages).getByRole('link', { name });
  expect(link('Todos')).toHaveAttribute('aria-current', 'page');
  expect(link('Jobs')).toHaveAttribute('href', '/jobs');

  await user.click(link('Jobs'));
  expect(await screen.findByRole('heading', { level: 2, name: 'Jobs' })).toBeInTheDocument();
  expect(window.location.pathname).toBe('/jobs');
  expect(link('Jobs')).toHaveAttribute('aria-current', 'page');
  expect(document.title).toBe('Jobs · TaskOverflow');
  // Keyboard and screen reader users start at the new page's content.
  expect(screen.getByRole('main')).toHaveFocus();

  window.history.back();
  expect(await screen.findByRole('heading', { level: 2, name: 'Todos' })).toBeInTheDocument();
  await waitFor(() => expect(document.title).toBe('TaskOverflow'));
});

it('opens the jobs view at its address', async () => {
  fakeApi();
  window.history.replaceState(null, '', '/jobs?status=FAILURE');
  renderWithProviders(<App />);
  expect(await screen.findByRole('heading', { level: 2, name: 'Jobs' })).toBeInTheDocument();
  expect(screen.getByRole('radio', { name: /^Failed/ })).toBeChecked();
});
