import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../app';
import { fakeApi } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import type { CreateFeedBody, FeedSummary, FeedWithUrl } from '../types';

beforeEach(() => window.history.replaceState(null, '', '/subscribe'));

const ORIGIN = 'https://todos.example.com/api/v1/feeds';
const APPLE = 'macOS/14.5 (23F79) CalendarAgent/988';

function feed(fields: Partial<FeedSummary> = {}): FeedSummary {
  return {
    id: '30000000-0000-4000-8000-000000000001',
    name: 'TaskOverflow',
    selection: { completed: false },
    reminder_minutes: null,
    created_at: '2026-03-01T09:00:00.000Z',
    rendered_at: '2026-03-01T09:00:05.000Z',
    event_count: 3,
    render_error: null,
    last_fetched_at: null,
    last_fetched_by: null,
    ...fields,
  };
}

/** The feed routes of the fake API, with their state; each create or rotate issues the next secret. */
function feedsApi(initial: FeedSummary[] = []) {
  const api = fakeApi();
  const feeds = [...initial];
  let secrets = 0;
  const withUrl = (summary: FeedSummary): FeedWithUrl => {
    secrets += 1;
    const url = `${ORIGIN}/secret-${secrets}.ics`;
    return { ...summary, url, webcal_url: url.replace(/^https:/, 'webcal:') };
  };
  api.on('GET /feeds', () => ({ body: feeds }));
  api.on('POST /feeds', ({ body }) => {
    const { name, reminder_minutes = null, ...selection } = body as CreateFeedBody;
    const created = feed({
      id: `30000000-0000-4000-8000-00000000010${feeds.length}`,
      name: name ?? 'TaskOverflow',
      selection,
      reminder_minutes,
      rendered_at: null,
      event_count: null,
    });
    feeds.unshift(created);
    return { status: 201, body: withUrl(created) };
  });
  api.on('POST /feeds/:id/rotate', ({ params }) => {
    const found = feeds.find((item) => item.id === params.id);
    return found
      ? { body: withUrl(found) }
      : { status: 404, body: { error: 'Not Found', message: 'No such feed' } };
  });
  api.on('DELETE /feeds/:id', ({ params }) => {
    feeds.splice(
      feeds.findIndex((item) => item.id === params.id),
      1,
    );
    return { status: 204 };
  });
  return { api, feeds };
}

const renderPage = () => renderWithProviders(<App />);
const posts = (api: ReturnType<typeof fakeApi>, path: string) =>
  api.requests.filter((request) => request.method === 'POST' && request.path === path);

it('is reached from the header, with its parts in order', async () => {
  feedsApi();
  window.history.replaceState(null, '', '/');
  const { user } = renderPage();
  await user.click(
    within(screen.getByRole('navigation', { name: 'Pages' })).getByRole('link', {
      name: 'Subscribe',
    }),
  );
  expect(await screen.findByRole('heading', { level: 2, name: 'Subscribe' })).toBeInTheDocument();
  expect(document.title).toBe('Subscribe · TaskOverflow');
  expect(await screen.findByText('No feeds yet: create one above.')).toBeInTheDocument();
  const headings = screen.getAllByRole('heading').map((h) => `${h.tagName} ${h.textContent}`);
  expect(headings).toEqual([
    'H1 TaskOverflow',
    'H2 Subscribe',
    'H3 New feed',
    'H3 Your feeds',
    'H3 Subscribe from your calendar app',
  ]);
  const help = screen.getByRole('region', { name: 'Subscribe from your calendar app' });
  expect(help).toHaveTextContent(/Other calendars.*From URL.*every 8 to 24 hours/);
  expect(help).toHaveTextContent(/File → New Calendar Subscription.*Every 5 minutes/);
  expect(help).toHaveTextContent(/Outlook/);
  expect(help).toHaveTextContent(/Thunderbird/);
});

it('is offered by the calendar export, next to the todos', async () => {
  feedsApi();
  window.history.replaceState(null, '', '/');
  const { user } = renderPage();
  const exportPanel = screen.getByRole('region', { name: 'Calendar export' });
  await user.click(within(exportPanel).getByRole('link', { name: 'subscribe to a feed' }));
  expect(await screen.findByRole('heading', { level: 2, name: 'Subscribe' })).toBeInTheDocument();
  expect(window.location.pathname).toBe('/subscribe');
});

describe('creating a feed', () => {
  it('sends what the form says, and shows the URL once, focused, with copy and the webcal link', async () => {
    const { api } = feedsApi();
    const { user } = renderPage();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    const form = await screen.findByRole('form', { name: 'Create a feed' });
    await user.type(within(form).getByLabelText(/^Name/), '  Work  ');
    await user.click(within(form).getByRole('radio', { name: 'Active and completed todos' }));
    await user.type(within(form).getByLabelText(/^Due within/), '7');
    await user.selectOptions(within(form).getByLabelText('Reminder'), '1 hour before');
    await user.click(within(form).getByRole('button', { name: 'Create feed' }));

    const shown = await screen.findByRole('region', { name: 'URL of “Work”' });
    expect(posts(api, '/feeds').map((request) => request.body)).toEqual([
      { name: 'Work', window: 7, reminder_minutes: 60 },
    ]);
    const url = within(shown).getByLabelText('Feed URL');
    expect(url).toHaveValue(`${ORIGIN}/secret-1.ics`);
    expect(url).toHaveFocus();
    expect(url).toHaveAccessibleDescription(/it will not be shown again/);
    expect(within(shown).getByRole('link', { name: 'Open in calendar app' })).toHaveAttribute(
      'href',
      'webcal://todos.example.com/api/v1/feeds/secret-1.ics',
    );
    // The form starts again from its defaults.
    expect(within(form).getByLabelText(/^Name/)).toHaveValue('');
    expect(within(form).getByRole('radio', { name: 'Active todos only' })).toBeChecked();

    await user.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(`${ORIGIN}/secret-1.ics`);
    expect(within(shown).getByRole('status')).toHaveTextContent('Copied to the clipboard.');

    // Listed, never with its URL; once hidden, the URL is nowhere in the page.
    const row = await screen.findByRole('row', { name: /Work/ });
    expect(row).toHaveTextContent('All todos due within 7 days');
    expect(row).toHaveTextContent('1 hour before');
    expect(row).toHaveTextContent('Being prepared…');
    await user.click(within(shown).getByRole('button', { name: 'Done, hide it' }));
    expect(screen.queryByDisplayValue(/secret-1/)).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain('secret-1');
    expect(screen.getByRole('heading', { name: 'Your feeds' })).toHaveFocus();
  });

  it('sends the defaults: active todos, any deadline, no reminder, the API’s name', async () => {
    const { api } = feedsApi();
    const { user } = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Create feed' }));
    await screen.findByRole('region', { name: 'URL of “TaskOverflow”' });
    expect(posts(api, '/feeds')[0]?.body).toEqual({ completed: false, reminder_minutes: null });
  });

  it('checks the window before sending, next to the field', async () => {
    const { api } = feedsApi();
    const { user } = renderPage();
    const window = await screen.findByLabelText(/^Due within/);
    await user.type(window, 'a week');
    await user.click(screen.getByRole('button', { name: 'Create feed' }));
    expect(window).toHaveAccessibleDescription(
      expect.stringContaining(
        'Due within must be a whole number of days from 0 to 36,500.',
      ) as string,
    );
    expect(window).toHaveFocus();
    expect(posts(api, '/feeds')).toEqual([]);

    await user.type(window, 'x');
    expect(window).not.toHaveAccessibleDescription(/must be a whole number/);
  });

  it('shows the API’s refusal next to its field, and other failures for the whole form', async () => {
    const { api } = feedsApi();
    api.on('POST /feeds', () => ({
      status: 400,
      body: {
        error: 'Bad Request',
        message: 'name must not be blank',
        fields: { name: 'must not contain control characters' },
      },
    }));
    const { user } = renderPage();
    const name = await screen.findByLabelText(/^Name/);
    await user.type(name, 'bell\u0007{Enter}');
    await waitFor(() =>
      expect(name).toHaveAccessibleDescription(/Name must not contain control characters\./),
    );
    expect(name).toHaveFocus();

    api.on('POST /feeds', () => ({
      status: 503,
      body: { error: 'Service Unavailable', message: 'Database unavailable' },
    }));
    await user.click(screen.getByRole('button', { name: 'Create feed' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Database unavailable.');
    expect(screen.queryByRole('region', { name: /^URL of/ })).not.toBeInTheDocument();
  });
});

describe('the list', () => {
  it('says what each feed holds, when it was rendered, and when and by what app it was fetched', async () => {
    feedsApi([
      feed({
        id: '30000000-0000-4000-8000-000000000002',
        name: 'Everything',
        selection: {},
        reminder_minutes: 24 * 60,
        event_count: 1,
        last_fetched_at: '2026-03-01T10:00:00.000Z',
        last_fetched_by: APPLE,
      }),
      feed({ name: 'Next week', selection: { completed: false, window: 7 }, reminder_minutes: 0 }),
      feed({
        id: '30000000-0000-4000-8000-000000000003',
        name: 'Too big',
        render_error: 'More than 10,000 todos',
      }),
    ]);
    renderPage();
    const table = await screen.findByRole('table', { name: 'Calendar feeds' });
    const [everything, nextWeek, tooBig] = within(table).getAllByRole('row').slice(1);
    expect(everything).toHaveTextContent('All todos');
    expect(everything).toHaveTextContent('1 day before');
    expect(everything).toHaveTextContent('1 event');
    const fetchedBy = within(everything!).getByText('by Apple Calendar on macOS');
    expect(fetchedBy).toHaveAttribute('title', APPLE);
    expect(everything).toHaveTextContent(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date('2026-03-01T10:00:00.000Z'),
      ),
    );
    expect(nextWeek).toHaveTextContent('Active todos due within 7 days');
    expect(nextWeek).toHaveTextContent('At the deadline');
    expect(nextWeek).toHaveTextContent('3 events');
    expect(nextWeek).toHaveTextContent('Not yet');
    expect(nextWeek).not.toHaveTextContent('Not updated');
    expect(tooBig).toHaveTextContent('3 events');
    expect(tooBig).toHaveTextContent('Not updated: More than 10,000 todos');
    expect(screen.getByText(/URL is shown only once/)).toHaveTextContent(/Rotate/);
  });

  it('asks again until the worker has rendered a new feed', async () => {
    const { feeds } = feedsApi([feed({ rendered_at: null, event_count: null })]);
    renderPage();
    expect(await screen.findByText('Being prepared…')).toBeInTheDocument();
    feeds[0] = feed({ event_count: 2 });
    expect(await screen.findByText('2 events', {}, { timeout: 3_000 })).toBeInTheDocument();
    expect(screen.queryByText('Being prepared…')).not.toBeInTheDocument();
  });

  it('says when the feeds cannot be loaded, and tries again', async () => {
    const { api } = feedsApi([feed({ name: 'Back again' })]);
    api.on('GET /feeds', () => ({
      status: 503,
      body: { error: 'Service Unavailable', message: 'Database unavailable' },
    }));
    const { user } = renderPage();
    const failure = await screen.findByRole('alert');
    expect(failure).toHaveTextContent('Could not load your feeds. Database unavailable');
    api.on('GET /feeds', () => ({ body: [feed({ name: 'Back again' })] }));
    await user.click(within(failure).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('row', { name: /Back again/ })).toBeInTheDocument();
  });
});

describe('rotating and deleting', () => {
  it('rotates after asking and shows the new URL once; the row can rotate again', async () => {
    const { api } = feedsApi([feed({ name: 'Work' })]);
    const { user } = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Rotate the URL of “Work”' }));
    const question = screen.getByRole('group', { name: /Rotate the URL of “Work”\?/ });
    expect(question).toHaveTextContent('The current URL stops working at once');
    await user.keyboard('{Escape}');
    expect(posts(api, `/feeds/${feed().id}/rotate`)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Rotate the URL of “Work”' }));
    await user.click(screen.getByRole('button', { name: 'Rotate URL' }));
    const shown = await screen.findByRole('region', { name: 'New URL of “Work”' });
    expect(within(shown).getByLabelText('Feed URL')).toHaveValue(`${ORIGIN}/secret-1.ics`);
    expect(within(shown).getByLabelText('Feed URL')).toHaveFocus();
    expect(shown).toHaveTextContent('The old URL stopped working');
    expect(posts(api, `/feeds/${feed().id}/rotate`)).toHaveLength(1);

    // The question is answered: the row offers Rotate again, and a second rotation shows its URL.
    await user.click(screen.getByRole('button', { name: 'Rotate the URL of “Work”' }));
    await user.click(screen.getByRole('button', { name: 'Rotate URL' }));
    await waitFor(() =>
      expect(within(shown).getByLabelText('Feed URL')).toHaveValue(`${ORIGIN}/secret-2.ics`),
    );
  });

  it('says when a rotation fails, and keeps the old URL listed', async () => {
    const { api } = feedsApi([feed({ name: 'Work' })]);
    api.on('POST /feeds/:id/rotate', () => ({
      status: 404,
      body: { error: 'Not Found', message: 'No such feed' },
    }));
    const { user } = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Rotate the URL of “Work”' }));
    await user.click(screen.getByRole('button', { name: 'Rotate URL' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not rotate the URL of “Work”: No such feed.',
    );
    expect(screen.queryByRole('region', { name: /URL of/ })).not.toBeInTheDocument();
  });

  it('deletes after asking, and hides its URL if it was showing', async () => {
    const { api } = feedsApi();
    const { user } = renderPage();
    await user.type(await screen.findByLabelText(/^Name/), 'Gone soon{Enter}');
    await screen.findByRole('region', { name: 'URL of “Gone soon”' });

    await user.click(await screen.findByRole('button', { name: 'Delete “Gone soon”' }));
    const question = screen.getByRole('group', { name: /Delete “Gone soon”\?/ });
    expect(within(question).getByRole('button', { name: 'Delete feed' })).toHaveFocus();
    await user.click(within(question).getByRole('button', { name: 'Delete feed' }));

    expect(await screen.findByText('No feeds yet: create one above.')).toBeInTheDocument();
    expect(screen.getByText('Deleted “Gone soon”.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /URL of/ })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Your feeds' })).toHaveFocus();
    expect(
      api.requests.filter((request) => request.method === 'DELETE').map((r) => r.path),
    ).toEqual(['/feeds/30000000-0000-4000-8000-000000000100']);
  });
});
