import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { spawnApiProcess } from './helpers/api-process.js';

describe('the API process in AUTH_MODE=local', () => {
  it('refuses to listen on an address other machines reach, in one line saying what to set, and exits 1', async () => {
    const api = spawnApiProcess(
      {
        DATABASE_URL: 'postgresql://unused:unused@127.0.0.1:1/unused',
        HOST: '0.0.0.0',
        AUTH_MODE: 'local',
        NODE_ENV: 'production',
      },
      'pipe',
    );
    const stderr: string[] = [];
    api.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
    const [code] = await once(api, 'close');
    const output = stderr.join('');
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toContain('HOST=0.0.0.0 is not a loopback address');
    expect(output).toContain('AUTH_MODE=accounts');
    expect(code).toBe(1);
  });
});
