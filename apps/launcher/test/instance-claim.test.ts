import { afterAll, describe, expect, it } from 'vitest';
import { spawnSystem, type RunningSystem } from '../src/testing/index.js';

let system: RunningSystem | undefined;
afterAll(() => system?.stop());

describe('npm start with AUTH_MODE=accounts on a fresh data folder', () => {
  it('says the setup code with the URL, and that code makes the first sign-up with it the admin', async () => {
    system = await spawnSystem({ env: { AUTH_MODE: 'accounts' } });
    const { setupCode, baseUrl, output } = system;
    expect(setupCode).toMatch(/^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);
    const readyLine = output.findIndex((line) => line.includes('ready at'));
    expect(output[readyLine - 1]).toBe(
      `[launcher] No admin yet: open the page and create an account with setup code ${setupCode}`,
    );
    const signUp = (body: object) =>
      fetch(`${baseUrl}/api/v1/auth/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: 'plum kettle orbits slowly', ...body }),
      });
    const roleOf = async (response: Response) =>
      ((await response.json()) as { user: { role: string } }).user.role;
    expect(await roleOf(await signUp({ email: 'early@example.com' }))).toBe('member');
    const admin = await signUp({ email: 'operator@example.com', setup_code: setupCode });
    expect(admin.status).toBe(201);
    expect(await roleOf(admin)).toBe('admin');
  }, 200_000);
});
