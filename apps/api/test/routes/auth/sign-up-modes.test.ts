import { describe, expect, it } from 'vitest';
import { ACCOUNTS_ENV, PASSWORD, claimInstance, newEmail, signUp } from '../../helpers/accounts.js';
import { useTestApp, type TestApp } from '../../helpers/test-app.js';

const signUpWith = (ctx: TestApp, body: Record<string, string>, email = newEmail()) =>
  ctx.http.post('/api/v1/auth/sign-up').send({ email, password: PASSWORD, ...body });

const accountCount = (ctx: TestApp) =>
  ctx.app.prisma.user.count({ where: { role: { not: 'owner' } } });

/** The secret of an invite link: its `invite` parameter. */
const secretOf = (url: string) => new URL(url).searchParams.get('invite')!;

describe('SIGN_UP=invite', () => {
  const ctx = useTestApp({ ...ACCOUNTS_ENV, SIGN_UP: 'invite' });

  const makeInvite = async (cookie: string) =>
    (await ctx.http.post('/api/v1/admin/invites').set('cookie', cookie).expect(201)).body;

  it('refuses a sign-up without an invite, 403, and creates nothing', async () => {
    const response = await signUpWith(ctx, {}).expect(403);
    expect(response.body).toEqual({
      error: 'Forbidden',
      message: expect.stringContaining('needs an invite link'),
    });
    expect(await accountCount(ctx)).toBe(0);
  });

  it('lets the admin make single-use invite links that sign up a member, for 7 days', async () => {
    const admin = await claimInstance(ctx);
    const before = Date.now();
    const invite = await makeInvite(admin.cookie);
    expect(invite).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/\?invite=[\w-]{43}$/),
      created_at: expect.any(String),
      expires_at: expect.any(String),
    });
    const lifetime = Date.parse(invite.expires_at) - Date.parse(invite.created_at);
    expect(lifetime).toBe(7 * 86_400_000);
    expect(Date.parse(invite.created_at)).toBeGreaterThanOrEqual(before - 1000);
    // Listed, without its link.
    const listed = await ctx.http
      .get('/api/v1/admin/invites')
      .set('cookie', admin.cookie)
      .expect(200);
    expect(listed.body).toEqual([
      { id: invite.id, created_at: invite.created_at, expires_at: invite.expires_at },
    ]);

    const member = await signUp(ctx.http, newEmail(), PASSWORD, { invite: secretOf(invite.url) });
    expect(member.user.role).toBe('member');
    // Used up: it works no more, and is no longer listed.
    const again = await signUpWith(ctx, { invite: secretOf(invite.url) }).expect(403);
    expect(again.body).toEqual({
      error: 'Forbidden',
      message: expect.stringContaining('invite link is unknown, used, revoked or expired'),
      fields: { invite: 'does not work' },
    });
    expect(
      (await ctx.http.get('/api/v1/admin/invites').set('cookie', admin.cookie).expect(200)).body,
    ).toEqual([]);
    expect(await accountCount(ctx)).toBe(2);
  });

  it('refuses revoked, expired and made-up invites, and creates nothing', async () => {
    const admin = await claimInstance(ctx);
    const revoked = await makeInvite(admin.cookie);
    await ctx.http
      .delete(`/api/v1/admin/invites/${revoked.id}`)
      .set('cookie', admin.cookie)
      .expect(204);
    await ctx.http
      .delete(`/api/v1/admin/invites/${revoked.id}`)
      .set('cookie', admin.cookie)
      .expect(404);
    const expired = await makeInvite(admin.cookie);
    await ctx.app.prisma.invite.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    for (const invite of [secretOf(revoked.url), secretOf(expired.url), 'x'.repeat(43), 'short'])
      await signUpWith(ctx, { invite }).expect(403);
    expect(await accountCount(ctx)).toBe(1);
    // An expired invite is not listed.
    expect(
      (await ctx.http.get('/api/v1/admin/invites').set('cookie', admin.cookie).expect(200)).body,
    ).toEqual([]);
  });

  it('keeps an invite whose sign-up fails for another reason (the email is taken)', async () => {
    const admin = await claimInstance(ctx);
    const invite = secretOf((await makeInvite(admin.cookie)).url);
    await signUpWith(ctx, { invite }, admin.email).expect(409);
    await signUpWith(ctx, { invite }).expect(201);
  });
});

describe('SIGN_UP=closed', () => {
  const ctx = useTestApp({ ...ACCOUNTS_ENV, SIGN_UP: 'closed' });

  it('refuses every sign-up, 403, but the claim with the setup code', async () => {
    const response = await signUpWith(ctx, {}).expect(403);
    expect(response.body).toEqual({
      error: 'Forbidden',
      message: expect.stringContaining('Sign-up is closed'),
    });
    expect(await accountCount(ctx)).toBe(0);
    expect((await ctx.http.get('/api/v1/auth/setup').expect(200)).body).toEqual({
      claimed: false,
      sign_up: 'closed',
    });
    expect((await claimInstance(ctx)).user.role).toBe('admin');
    await signUpWith(ctx, {}).expect(403);
    expect(await accountCount(ctx)).toBe(1);
  });
});

describe('ADMIN_EMAIL', () => {
  const adminEmail = newEmail();
  const ctx = useTestApp({ ...ACCOUNTS_ENV, ADMIN_EMAIL: ` ${adminEmail.toUpperCase()} ` });

  it('names the only email that may claim; it cannot sign up without the code', async () => {
    const code = (await ctx.app.instanceClaim.issueSetupCode())!;
    const other = await signUpWith(ctx, { setup_code: code }).expect(403);
    expect(other.body).toEqual({
      error: 'Forbidden',
      message: expect.stringContaining('ADMIN_EMAIL'),
      fields: { email: 'is not the one ADMIN_EMAIL names' },
    });
    const withoutCode = await signUpWith(ctx, {}, adminEmail).expect(403);
    expect(withoutCode.body.fields).toEqual({ setup_code: 'is required for this email' });
    expect(await accountCount(ctx)).toBe(0);
    // The refusals left the code as it was.
    const admin = await signUpWith(ctx, { setup_code: code }, adminEmail).expect(201);
    expect(admin.body.user).toMatchObject({ email: adminEmail, role: 'admin' });
    // Anyone else still signs up, as a member.
    expect((await signUp(ctx.http)).user.role).toBe('member');
  });
});
