import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { exportStatus, fakeApi } from '../../../testing/fake-api';
import { installFakeEventSource } from '../../../testing/fake-event-source';
import { renderWithProviders } from '../../../testing/render';
import type { ExportStatusResponse } from '../types';
import { ExportPanel } from './export-panel';

const FOLLOWED_KEY = 'taskoverflow.followed-export';

/** An API whose exports (`export-1`, … when started here) answer with the given statuses in turn (the last one repeats). */
function exportApi(...statuses: Partial<ExportStatusResponse>[]) {
  const api = fakeApi();
  let started = 0;
  api.on('POST /todos/ical', () => ({
    status: 202,
    body: {
      task_id: `export-${++started}`,
      task_url: `http://localhost/api/v1/todos/ical/export-${started}/status`,
    },
  }));
  let polls = 0;
  api.on('GET /todos/ical/:id/status', ({ params }) => ({
    body: exportStatus({ task_id: params.id, ...statuses[Math.min(polls++, statuses.length - 1)] }),
  }));
  return api;
}

const statusRequests = (api: ReturnType<typeof fakeApi>) =>
  api.requests.filter((request) => request.path.endsWith('/status'));

const expectState = (text: string) =>
  waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(text), { timeout: 2_000 });

/** Renders the panel following `task-1`, as after a reload during an export. */
function renderFollowing() {
  localStorage.setItem(FOLLOWED_KEY, 'task-1');
  return renderWithProviders(<ExportPanel selection={{}} />);
}

describe('starting an export', () => {
  it('posts with an Idempotency-Key, remembers the task and shows it queued', async () => {
    const api = exportApi({ task_status: 'PENDING' });
    const { user } = renderWithProviders(<ExportPanel selection={{}} />);
    await user.click(screen.getByRole('button', { name: 'Export calendar' }));

    await expectState('Queued: waiting for a worker…');
    const post = api.requests.find((request) => request.method === 'POST')!;
    expect(post.body).toEqual({});
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(localStorage.getItem(FOLLOWED_KEY)).toBe('export-1');
  });

  it('can export only the todos the filters show', async () => {
    const api = exportApi({ task_status: 'PENDING' });
    const { user } = renderWithProviders(
      <ExportPanel selection={{ completed: false, window: 7 }} />,
    );
    await user.click(screen.getByRole('checkbox', { name: 'Only active todos due within 7 days' }));
    await user.click(screen.getByRole('button', { name: 'Export calendar' }));
    await waitFor(() =>
      expect(api.requests.find((request) => request.method === 'POST')?.body).toEqual({
        completed: false,
        window: 7,
      }),
    );
  });

  it('says when to try again after a 429', async () => {
    const api = fakeApi();
    api.on('POST /todos/ical', () => ({
      status: 429,
      headers: { 'Retry-After': '30' },
      body: { error: 'Too Many Requests', message: 'Rate limit exceeded' },
    }));
    const { user } = renderWithProviders(<ExportPanel selection={{}} />);
    await user.click(screen.getByRole('button', { name: 'Export calendar' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many requests at once. Try again in 30 s.',
    );
  });
});

describe('each state of the followed export', () => {
  it('STARTED: generating, with progress', async () => {
    exportApi({ task_status: 'STARTED', progress: 0.42, attempts: 1 });
    renderFollowing();
    await expectState('Generating your calendar…');
    expect(screen.getByRole('progressbar', { name: 'Export progress' })).toHaveAttribute(
      'value',
      '0.42',
    );
    expect(screen.getByText('42%')).toBeInTheDocument();
  });

  it('RETRY: retrying, with the error', async () => {
    exportApi({ task_status: 'RETRY', attempts: 2, error: 'connection reset by peer' });
    renderFollowing();
    await expectState('Attempt 2 of 5 failed; retrying soon.');
    expect(screen.getByText('Error: connection reset by peer')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('SUCCESS: a download link that keeps the server’s file name', async () => {
    exportApi({
      task_status: 'SUCCESS',
      progress: 1,
      todo_count: 4,
      event_count: 3,
      expires_at: '2999-01-01T00:00:00Z',
    });
    renderFollowing();
    await expectState('Ready: 3 events from 4 todos.');
    const link = screen.getByRole('link', { name: 'Download .ics' });
    expect(link).toHaveAttribute('href', 'http://localhost/api/v1/todos/ical/task-1/result');
    expect(link).toHaveAttribute('download', '');
  });

  it('FAILURE: the error and Try again, which starts the same export anew', async () => {
    const api = exportApi({
      task_status: 'FAILURE',
      attempts: 5,
      error: 'calendar too large',
      selection: { completed: true },
    });
    const { user } = renderFollowing();
    await expectState('The export failed after 5 attempts.');
    expect(screen.getByText('Error: calendar too large')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(localStorage.getItem(FOLLOWED_KEY)).toBe('export-1'));
    expect(api.requests.find((request) => request.method === 'POST')?.body).toEqual({
      completed: true,
    });
  });
});

describe('following an export', () => {
  it('polls while it runs, shows each state, and stops when it is ready', async () => {
    const api = exportApi(
      { task_status: 'PENDING' },
      { task_status: 'STARTED', progress: 0.5 },
      { task_status: 'SUCCESS', progress: 1, event_count: 2, todo_count: 2 },
    );
    const { user } = renderWithProviders(<ExportPanel selection={{}} />);
    await user.click(screen.getByRole('button', { name: 'Export calendar' }));
    await expectState('Queued');
    await expectState('Generating');
    await expectState('Ready: 2 events');

    const polls = statusRequests(api).length;
    expect(polls).toBe(3);
    // Longer than the next delay of the schedule (pollDelay(3) = 1.7 s).
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    expect(statusRequests(api)).toHaveLength(polls);
  });

  it('lists recent exports with their state and a download link when ready', async () => {
    const api = fakeApi();
    api.on('GET /todos/ical', () => ({
      body: [
        exportStatus({
          task_id: 'b',
          task_status: 'SUCCESS',
          event_count: 3,
          selection: { window: 7 },
        }),
        exportStatus({ task_id: 'a', task_status: 'FAILURE', selection: { completed: false } }),
      ],
    }));
    renderWithProviders(<ExportPanel selection={{}} />);
    const items = within(await screen.findByRole('list')).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Ready');
    expect(items[0]).toHaveTextContent('all todos due within 7 days · 3 events');
    expect(
      within(items[0]!).getByRole('link', { name: /^Download the export of/ }),
    ).toHaveAttribute('download');
    expect(items[1]).toHaveTextContent('Failed');
    expect(within(items[1]!).queryByRole('link')).not.toBeInTheDocument();
  });
});

describe('following through the event stream', () => {
  const event = { task_id: 'task-1', attempts: 1, at: '2026-03-01T10:00:01Z' };

  /** An API whose status of `task-1` is whatever the test last set. */
  function liveApi() {
    const api = fakeApi();
    let current = exportStatus();
    api.on('GET /todos/ical/:id/status', () => ({ body: current }));
    return {
      api,
      set: (fields: Partial<ExportStatusResponse>) => (current = exportStatus(fields)),
    };
  }

  it('asks only when the state changes, shows progress from the events, and closes when ready', async () => {
    const sources = installFakeEventSource();
    const { api, set } = liveApi();
    renderFollowing();
    await expectState('Queued');
    const source = sources[0]!;
    expect(source.url).toBe('/api/v1/monitor/events?task_id=task-1');
    act(() => source.emit('ready'));
    await waitFor(() => expect(statusRequests(api)).toHaveLength(2));
    // Longer than the poll that would come next without the stream (pollDelay(2) = 1.1 s).
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(statusRequests(api)).toHaveLength(2);

    set({ task_status: 'STARTED', progress: 0.1, attempts: 1 });
    act(() => source.emit('export', { ...event, task_status: 'STARTED', progress: 0.1 }));
    await expectState('Generating your calendar…');
    act(() => source.emit('export', { ...event, task_status: 'STARTED', progress: 0.6 }));
    expect(await screen.findByText('60%')).toBeInTheDocument();
    expect(statusRequests(api)).toHaveLength(3);

    set({ task_status: 'SUCCESS', progress: 1, event_count: 2, todo_count: 2 });
    act(() => source.emit('export', { ...event, task_status: 'SUCCESS', progress: 1 }));
    await expectState('Ready: 2 events from 2 todos.');
    expect(source.closed).toBe(true);
  });

  it('does not lose a change announced while a status request is under way', async () => {
    const sources = installFakeEventSource();
    const api = fakeApi();
    let current = exportStatus();
    let answerLater: (() => void) | null = null;
    let holdNext = false;
    api.on('GET /todos/ical/:id/status', () => {
      // A held answer was read before the news that arrives while it is on its way.
      const read = current;
      if (!holdNext) return { body: read };
      holdNext = false;
      return new Promise((resolve) => (answerLater = () => resolve({ body: read })));
    });
    renderFollowing();
    await expectState('Queued');
    await waitFor(() => expect(sources).toHaveLength(1));
    act(() => sources[0]!.emit('ready'));
    await waitFor(() => expect(statusRequests(api)).toHaveLength(2));

    current = exportStatus({ task_status: 'STARTED', attempts: 1 });
    holdNext = true;
    act(() => sources[0]!.emit('export', { ...event, task_status: 'STARTED', progress: 0 }));
    await waitFor(() => expect(answerLater).not.toBeNull());
    current = exportStatus({ task_status: 'SUCCESS', progress: 1, event_count: 1, todo_count: 1 });
    act(() => sources[0]!.emit('export', { ...event, task_status: 'SUCCESS', progress: 1 }));
    answerLater!();
    await expectState('Ready: 1 event from 1 todo.');
  });

  it('polls instead when the stream fails before it ever worked', async () => {
    const sources = installFakeEventSource();
    const { set } = liveApi();
    renderFollowing();
    await expectState('Queued');
    act(() => sources[0]!.fail(0));
    expect(sources[0]!.closed).toBe(true);
    set({ task_status: 'SUCCESS', progress: 1, event_count: 1, todo_count: 1 });
    await expectState('Ready: 1 event from 1 todo.');
  });
});
