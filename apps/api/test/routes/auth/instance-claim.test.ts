import { LOCAL_OWNER_ID } from '@taskoverflow/db';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import {
  ACCOUNTS_ENV,
  PASSWORD,
  claimInstance,
  newEmail,
  signUp,
  type Account,
} from '../../helpers/accounts.js';
import { useTestApp } from '../../helpers/test-app.js';

const ctx = useTestApp(ACCOUNTS_ENV);

const todosOf = async (account: Account) =>
  (await ctx.http.get('/api/v1/todos').set('cookie', account.cookie).expect(200)).body;

const claimWith = (setupCode: string, email = newEmail()) =>
  ctx.http.post('/api/v1/auth/sign-up').send({ email, password: PASSWORD, setup_code: setupCode });

const WRONG_CODE = {
  error: 'Forbidden',
  message: expect.stringContaining('setup code is wrong'),
  fields: { setup_code: 'is wrong or was used' },
};

/** The API's log lines of a start of it on the test database, and the API itself. */
async function startLogged() {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const app = await buildApp({ ...ctx.config, logLevel: 'info' }, { logStream });
  await app.ready();
  return { app, lines };
}

describe('claiming the instance', () => {
  it('prints a setup code at start while no admin exists; the last one printed claims it, from any API process', async () => {
    const first = await startLogged();
    const second = await startLogged();
    try {
      const codeIn = (lines: string[]) => {
        const line = lines.map((text) => JSON.parse(text)).find((l) => /Setup code/.test(l.msg));
        expect(line, lines.join('')).toMatchObject({ level: 40 });
        return /Setup code: ([0-9A-Z-]+)/.exec(line.msg)![1]!;
      };
      const [replaced, current] = [codeIn(first.lines), codeIn(second.lines)];
      expect(current).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(second.app.instanceClaim.setupCodeAtStart).toBe(current);
      // A restart replaces the code: the earlier one is refused.
      expect((await claimWith(replaced).expect(403)).body).toEqual(WRONG_CODE);
      // ctx.app is a third process: it accepts the code the second printed.
      const admin = await claimWith(current).expect(201);
      expect(admin.body.user.role).toBe('admin');

      // Claimed: a later start prints none.
      const third = await startLogged();
      expect(third.app.instanceClaim.setupCodeAtStart).toBeNull();
      expect(third.lines.join('')).not.toContain('Setup code');
      await third.app.close();
    } finally {
      await first.app.close();
      await second.app.close();
    }
  });

  it('makes admin the sign-up with the code, which takes what the local owner had; every other is a member with nothing', async () => {
    // Made in AUTH_MODE=local: owned by the local owner.
    const local = await ctx.app.prisma.todo.create({ data: { title: 'Made before accounts' } });
    const localExport = await ctx.app.exportStore.create({
      ownerId: LOCAL_OWNER_ID,
      selection: {},
      maxAttempts: 1,
      idempotencyKey: 'from local mode',
    });

    // The first to sign up without the code is no admin, and takes nothing.
    const early = await signUp(ctx.http);
    expect(early.user.role).toBe('member');
    expect(await todosOf(early)).toEqual([]);
    expect(await ctx.app.prisma.todo.count({ where: { ownerId: LOCAL_OWNER_ID } })).toBe(1);

    const admin = await claimInstance(ctx);
    expect(admin.user.role).toBe('admin');
    expect(await todosOf(admin)).toEqual([
      expect.objectContaining({
        id: local.id,
        title: 'Made before accounts',
        updated_at: local.updatedAt.toISOString(),
      }),
    ]);
    const exported = await ctx.app.prisma.calendarExport.findUniqueOrThrow({
      where: { id: localExport.id },
    });
    expect(exported.ownerId).toBe(admin.user.id);
    // The local owner keeps its row (AUTH_MODE=local still has someone to be), now with nothing.
    expect(await ctx.app.prisma.todo.count({ where: { ownerId: LOCAL_OWNER_ID } })).toBe(0);

    const later = await signUp(ctx.http);
    expect(later.user.role).toBe('member');
    expect(await todosOf(later)).toEqual([]);
  });

  it('takes the code once: a second use is refused and creates nothing', async () => {
    const code = (await ctx.app.instanceClaim.issueSetupCode())!;
    await claimWith(code).expect(201);
    const email = newEmail();
    expect((await claimWith(code, email).expect(403)).body).toEqual(WRONG_CODE);
    expect(await ctx.app.prisma.user.count({ where: { email } })).toBe(0);
    // Claimed: no new code is made.
    expect(await ctx.app.instanceClaim.issueSetupCode()).toBeNull();
  });

  it('lets exactly one of two sign-ups that present the code at once become admin', async () => {
    const code = (await ctx.app.instanceClaim.issueSetupCode())!;
    const answers = await Promise.all([claimWith(code), claimWith(code), claimWith(code)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 403, 403]);
    expect(await ctx.app.prisma.user.count({ where: { role: 'admin' } })).toBe(1);
    expect(await ctx.app.prisma.user.count({ where: { role: { not: 'owner' } } })).toBe(1);
  });

  it('refuses a wrong code with 403 and creates nothing; the right one, typed loosely, still works', async () => {
    const code = (await ctx.app.instanceClaim.issueSetupCode())!;
    await ctx.app.prisma.todo.create({ data: { title: 'Stays the local owner’s' } });
    const email = newEmail();
    for (const wrong of ['0000-0000-0000-0000-0000', code.slice(0, -1), ' ']) {
      expect((await claimWith(wrong, email).expect(403)).body).toEqual(WRONG_CODE);
    }
    expect(await ctx.app.prisma.user.count({ where: { role: { not: 'owner' } } })).toBe(0);
    expect(await ctx.app.prisma.todo.count({ where: { ownerId: LOCAL_OWNER_ID } })).toBe(1);
    const loose = ` ${code.toLowerCase().replaceAll('-', ' ')} `;
    expect((await claimWith(loose, email).expect(201)).body.user.role).toBe('admin');
  });

  it('keeps the code when the claim fails for another reason (the email is taken)', async () => {
    const code = (await ctx.app.instanceClaim.issueSetupCode())!;
    const member = await signUp(ctx.http);
    await claimWith(code, member.email).expect(409);
    await claimWith(code).expect(201);
  });

  it('answers GET /auth/setup publicly: claimed or not, and the sign-up mode; nothing else', async () => {
    expect((await ctx.http.get('/api/v1/auth/setup').expect(200)).body).toEqual({
      claimed: false,
      sign_up: 'open',
    });
    await claimInstance(ctx);
    expect((await ctx.http.get('/api/v1/auth/setup').expect(200)).body).toEqual({
      claimed: true,
      sign_up: 'open',
    });
  });
});
