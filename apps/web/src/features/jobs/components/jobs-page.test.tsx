import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, monitorExport } from '../../../testing/fake-api';
import { installFakeEventSource } from '../../../testing/fake-event-source';
import { monitorSummary, monitorWorker } from '../../../testing/monitor-fixtures';
import { renderWithProviders } from '../../../testing/render';
import type { MonitorExport } from '../types';
import { JobsPage } from './jobs-page';

const FAILED = 'aaaaaaaa-0000-4000-8000-000000000001';
const PENDING = 'bbbbbbbb-0000-4000-8000-000000000002';
const RUNNING = 'cccccccc-0000-4000-8000-000000000003';

const failed = monitorExport({
  task_id: FAILED,
  task_status: 'FAILURE',
  attempts: 5,
  error: 'calendar too large',
  selection: { completed: false, window: 7 },
  created_at: '2026-03-01T10:00:00Z',
  started_at: '2026-03-01T10:00:02Z',
  finished_at: '2026-03-01T10:00:05Z',
});
const pending = monitorExport({ task_id: PENDING, task_status: 'PENDING' });
const running = monitorExport({
  task_id: RUNNING,
  task_status: 'STARTED',
  progress: 0.4,
  attempts: 1,
  worker: 'pool-1',
});

/** A monitor API listing these exports (filtered by `status` as the API does). */
function monitorApi(exports: MonitorExport[] = [failed, pending, running]) {
  const api = fakeApi();
  const list = [...exports];
  api.on('GET /monitor/exports', ({ query }) => ({
    body: list.filter((item) => !query.get('status') || item.task_status === query.get('status')),
  }));
  return { api, list };
}

const panel = (name: string) => screen.getByRole('region', { name });
const exportRow = (id: string) =>
  screen.getByRole('rowheader', { name: new RegExp(`^${id.slice(0, 8)}`) }).closest('tr')!;

afterEach(() => window.history.replaceState(null, '', '/'));

describe('what the jobs view shows', () => {
  it('counts by status, the queue, the throughput chart and the latency by window', async () => {
    const api = fakeApi();
    const summary = monitorSummary({
      exports: { PENDING: 2, STARTED: 1, RETRY: 0, SUCCESS: 120, FAILURE: 3 },
      queue: { waiting: 2, scheduled: 1, running: 1, oldest_wait_seconds: 4.2 },
    });
    summary.per_minute[58] = { ...summary.per_minute[58]!, succeeded: 100, failed: 2 };
    summary.per_minute[59] = { ...summary.per_minute[59]!, succeeded: 20, failed: 1 };
    summary.windows[1] = {
      ...summary.windows[1]!,
      succeeded: 120,
      failed: 3,
      per_minute: 24.6,
      wait: { p50: 0.35, p95: 1.2, p99: 2 },
      run: { p50: 0.08, p95: 0.4, p99: 12 },
    };
    api.on('GET /monitor/summary', () => ({ body: summary }));
    renderWithProviders(<JobsPage />);

    const counts = await waitFor(() => within(panel('Exports by status')).getByText('Succeeded'));
    expect(counts.nextElementSibling).toHaveTextContent('120');
    expect(
      within(panel('Exports by status')).getByText('Failed').nextElementSibling,
    ).toHaveTextContent('3');
    expect(within(panel('Queue')).getByText('Oldest wait').nextElementSibling).toHaveTextContent(
      '4.2 s',
    );
    expect(
      screen.getByRole('img', {
        name: /over the last 60 minutes: 120 succeeded, 3 failed; busiest minute .+ with 102\.$/,
      }),
    ).toBeInTheDocument();
    const fiveMinutes = screen.getByRole('rowheader', { name: '5 min' }).closest('tr')!;
    expect(
      within(fiveMinutes)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['120', '3', '24.6', '350 ms', '1.2 s', '2.0 s', '80 ms', '400 ms', '12 s']);
  });

  it('workers alive and silent, with their last heartbeat and the exports they hold', async () => {
    const api = fakeApi();
    api.on('GET /monitor/workers', () => ({
      body: [
        monitorWorker({
          pool_id: 'gone',
          hostname: 'old-host',
          alive: false,
          last_seen_at: new Date(Date.now() - 5 * 60_000).toISOString(),
        }),
        monitorWorker({
          hostname: 'busy-host',
          pid: 77,
          concurrency: 2,
          last_seen_at: new Date(Date.now() - 3_000).toISOString(),
          jobs: [RUNNING],
        }),
      ],
    }));
    renderWithProviders(<JobsPage />);
    const rows = await waitFor(() => within(panel('Workers')).getAllByRole('row').slice(1));
    expect(rows[0]).toHaveTextContent(/^busy-host.*pid 77.*Alive\s*\d s ago.*1 \/ 2.*cccccccc$/);
    expect(within(rows[0]!).getByRole('meter', { name: '1 of 2 slots busy' })).toHaveValue(1);
    expect(rows[1]).toHaveTextContent(/^old-host.*Silent\s*5 min ago.*idle$/);
  });

  it('failures with their reasons, the table with progress, and details on demand', async () => {
    monitorApi();
    const { user } = renderWithProviders(<JobsPage />);
    const failures = await waitFor(() => within(panel('Recent failures')).getByRole('listitem'));
    expect(failures).toHaveTextContent('aaaaaaaa');
    expect(failures).toHaveTextContent('after 5 of 5 attempts');
    expect(failures).toHaveTextContent('calendar too large');

    await waitFor(() => expect(exportRow(RUNNING)).toHaveTextContent('Running'));
    expect(within(exportRow(RUNNING)).getByRole('progressbar')).toHaveAttribute('value', '0.4');
    expect(exportRow(RUNNING)).toHaveTextContent('40%');

    await user.click(screen.getByRole('button', { name: 'Details of export aaaaaaaa' }));
    const details = screen.getByRole('button', { name: 'Details of export aaaaaaaa' });
    expect(details).toHaveAttribute('aria-expanded', 'true');
    const shown = document.getElementById(details.getAttribute('aria-controls')!)!;
    expect(shown).toHaveTextContent('active todos due within 7 days');
    expect(shown).toHaveTextContent('Attempts5 of 5');
    expect(shown).toHaveTextContent(/Finished.*\(after 3\.0 s\)/);
    expect(shown).toHaveTextContent('Error: calendar too large');
  });

  it('filters by status, in the URL too', async () => {
    const { api } = monitorApi();
    const { user } = renderWithProviders(<JobsPage />);
    await waitFor(() => expect(exportRow(PENDING)).toBeInTheDocument());
    await user.click(within(panel('Exports')).getByRole('radio', { name: /^Failed/ }));
    await waitFor(() =>
      expect(screen.queryByRole('rowheader', { name: /^bbbbbbbb/ })).not.toBeInTheDocument(),
    );
    expect(exportRow(FAILED)).toBeInTheDocument();
    expect(
      api.requests.some(
        (request) =>
          request.path === '/monitor/exports' &&
          request.query.get('limit') === '50' &&
          request.query.get('status') === 'FAILURE',
      ),
    ).toBe(true);
    expect(window.location.search).toBe('?status=FAILURE');
  });
});

describe('acting on exports', () => {
  it('retries a failed export and shows it queued again', async () => {
    const { api, list } = monitorApi();
    api.on('POST /monitor/exports/:id/retry', () => {
      list[0] = { ...failed, task_status: 'PENDING', attempts: 0, error: undefined };
      return { status: 202, body: list[0] };
    });
    const { user } = renderWithProviders(<JobsPage />);
    await user.click(await screen.findByRole('button', { name: 'Retry export aaaaaaaa' }));
    expect(await screen.findByText('Export aaaaaaaa queued again.')).toBeInTheDocument();
    expect(within(exportRow(FAILED)).getByText('Pending')).toBeInTheDocument();
    expect(
      within(exportRow(FAILED)).getByRole('button', { name: 'Cancel export aaaaaaaa' }),
    ).toBeInTheDocument();
  });

  it('cancels a pending export', async () => {
    const { api, list } = monitorApi();
    api.on('POST /monitor/exports/:id/cancel', () => {
      list[1] = { ...pending, task_status: 'FAILURE', error: 'Cancelled from the jobs monitor' };
      return { body: list[1] };
    });
    const { user } = renderWithProviders(<JobsPage />);
    await user.click(await screen.findByRole('button', { name: 'Cancel export bbbbbbbb' }));
    expect(await screen.findByText('Export bbbbbbbb cancelled.')).toBeInTheDocument();
    expect(within(exportRow(PENDING)).getByText('Failed')).toBeInTheDocument();
    expect(
      within(exportRow(PENDING)).getByRole('button', { name: 'Retry export bbbbbbbb' }),
    ).toBeInTheDocument();
  });

  it('says why the API refused (409), and shows the export as it really is', async () => {
    const { api, list } = monitorApi();
    api.on('POST /monitor/exports/:id/cancel', () => {
      list[1] = { ...pending, task_status: 'SUCCESS', attempts: 1 };
      return {
        status: 409,
        body: {
          error: 'Conflict',
          message: 'Only a PENDING, STARTED or RETRY export can be cancelled; this one is SUCCESS',
        },
      };
    });
    const { user } = renderWithProviders(<JobsPage />);
    await user.click(await screen.findByRole('button', { name: 'Cancel export bbbbbbbb' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not cancel export bbbbbbbb: Only a PENDING, STARTED or RETRY export can be cancelled; this one is SUCCESS',
    );
    await waitFor(() =>
      expect(within(exportRow(PENDING)).getByText('Succeeded')).toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('button', { name: 'Cancel export bbbbbbbb' }),
    ).not.toBeInTheDocument();
  });
});

describe('staying up to date', () => {
  it('refreshes on stream events and announces a new failure with its reason', async () => {
    const sources = installFakeEventSource();
    const { api, list } = monitorApi([pending]);
    renderWithProviders(<JobsPage />);
    await waitFor(() => expect(exportRow(PENDING)).toBeInTheDocument());
    const source = sources[0]!;
    expect(source.url).toBe('/api/v1/monitor/events');
    act(() => source.emit('ready'));
    expect(await screen.findByText('Live')).toBeInTheDocument();

    list[0] = { ...pending, task_status: 'FAILURE', attempts: 1, error: 'disk full' };
    const summaries = api.requests.filter((r) => r.path === '/monitor/summary').length;
    act(() =>
      source.emit('export', {
        task_id: PENDING,
        task_status: 'FAILURE',
        progress: 0,
        attempts: 1,
        at: '2026-03-01T10:00:00Z',
      }),
    );
    await waitFor(() =>
      expect(
        screen
          .getAllByRole('status')
          .some((status) => status.textContent === 'Export bbbbbbbb failed: disk full'),
      ).toBe(true),
    );
    expect(within(exportRow(PENDING)).getByText('Failed')).toBeInTheDocument();
    expect(api.requests.filter((r) => r.path === '/monitor/summary').length).toBeGreaterThan(
      summaries,
    );
  });

  it('polls every 5 s where there is no event stream (jsdom has no EventSource)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const api = fakeApi();
      renderWithProviders(<JobsPage />);
      expect(await screen.findByText('Polling')).toBeInTheDocument();
      const asked = (path: string) => api.requests.filter((r) => r.path === path).length;
      await waitFor(() => expect(asked('/monitor/workers')).toBe(1));
      const summaries = asked('/monitor/summary');
      await act(() => vi.advanceTimersByTimeAsync(5_000));
      expect(asked('/monitor/workers')).toBe(2);
      expect(asked('/monitor/summary')).toBe(summaries + 1);
    } finally {
      vi.useRealTimers();
    }
  });
});
