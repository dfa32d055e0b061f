/**
 * The fair queue, on the real system in AUTH_MODE=accounts: user A submits 300
 * exports at once, then user B submits one. Every export asks for a different
 * deadline window, so none is served from an earlier calendar: all 301 queue.
 * Reports how long B's export takes to reach SUCCESS, and A's whole burst.
 */
import { accountHeaders, spawnAccountsSystem } from './accounts.js';
import { report } from './report.js';
import { percentile, round } from './statistics.js';

const BURST = Number(process.env.BENCH_BURST ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TODOS_EACH = 100;

const system = await spawnAccountsSystem({ EXPORT_RATE_LIMIT_PER_MINUTE: '1000000' });
const base = `${system.baseUrl}/api/v1`;

async function post(headers: Record<string, string>, path: string, body: unknown) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { task_id: string };
}

/** Waits (the status answer holds until the end, up to a second) until the export is SUCCESS. */
async function untilSuccess(headers: Record<string, string>, id: string): Promise<void> {
  for (;;) {
    const status = (await (await fetch(`${base}/todos/ical/${id}/status`, { headers })).json()) as {
      task_status: string;
    };
    if (status.task_status === 'SUCCESS') return;
    if (status.task_status === 'FAILURE') throw new Error(`export ${id} failed`);
  }
}

const b: number[] = [];
const burst: number[] = [];
try {
  const userA = await accountHeaders(system.baseUrl, 'a@example.com');
  const userB = await accountHeaders(system.baseUrl, 'b@example.com');
  for (const user of [userA, userB]) {
    for (let i = 0; i < TODOS_EACH; i++)
      await post(user, '/todos', { title: `Todo ${i}`, deadline_at: '2026-03-01T14:00:00' });
  }
  for (let round = 0; round < ROUNDS; round++) {
    // Windows differ in every round too: nothing is reused from the round before.
    const window = (i: number) => round * (BURST + 1) + i + 1;
    const started = performance.now();
    const submitted = await Promise.all(
      Array.from({ length: BURST }, (_, i) => post(userA, '/todos/ical', { window: window(i) })),
    );
    const bStarted = performance.now();
    const single = await post(userB, '/todos/ical', { window: window(BURST) });
    await untilSuccess(userB, single.task_id);
    b.push(performance.now() - bStarted);
    for (const { task_id } of submitted) await untilSuccess(userA, task_id);
    burst.push(performance.now() - started);
  }
} finally {
  await system.stop();
}

report('fairness', [
  {
    scenario: `user B's one export, submitted right after user A's ${BURST}, submit → SUCCESS`,
    p50: round(percentile(b, 50)),
    max: round(Math.max(...b)),
    unit: 'ms',
  },
  {
    scenario: `user A's ${BURST} exports, submit → all SUCCESS`,
    p50: round(percentile(burst, 50)),
    max: round(Math.max(...burst)),
    unit: 'ms',
  },
]);
