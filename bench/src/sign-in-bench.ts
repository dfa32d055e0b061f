/**
 * The sign-in rate that the API's cap on argon2 work allows on this machine
 * (AUTH_MODE=accounts, the built system as `npm start` runs it): autocannon
 * signs one account in over and over, with the right password and then a
 * wrong one, at BENCH_CONNECTIONS (2, 8, 32) connections for BENCH_DURATION_S
 * (10) each. The throttles are raised out of the way: what is measured is the
 * password hashing and its cap (answers beyond it: 503).
 */
import autocannon from 'autocannon';
import { signUp, spawnAccountsSystem } from './accounts.js';
import { report } from './report.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '2,8,32').split(',').map(Number);
const EMAIL = 'sign-in@bench.example';
const UNLIMITED = '1000000000';

const system = await spawnAccountsSystem({
  SIGN_IN_LIMIT_PER_ACCOUNT: UNLIMITED,
  SIGN_IN_LIMIT_PER_CLIENT: UNLIMITED,
  SIGN_IN_SUCCESS_LIMIT_PER_CLIENT: UNLIMITED,
  QUOTA_SESSIONS: '50',
});
try {
  await signUp(system.baseUrl, EMAIL);
  const rows: Record<string, string | number>[] = [];
  for (const [password, expected] of [
    ['benchmark passphrase', 200],
    ['a wrong passphrase', 401],
  ] as const) {
    for (const connections of CONNECTIONS) {
      const result = await autocannon({
        url: `${system.baseUrl}/api/v1/auth/sign-in`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: EMAIL, password }),
        connections,
        duration: DURATION_S,
      });
      const answered = (status: number) => result.statusCodeStats?.[`${status}`]?.count ?? 0;
      rows.push({
        password: expected === 200 ? 'right' : 'wrong',
        connections,
        [`${expected}/s`]: Math.round((answered(expected) / DURATION_S) * 10) / 10,
        '503/s': Math.round((answered(503) / DURATION_S) * 10) / 10,
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        other: result.non2xx - answered(401) - answered(503),
      });
    }
  }
  report('sign-in', rows, { durationS: DURATION_S });
} finally {
  await system.stop();
}
