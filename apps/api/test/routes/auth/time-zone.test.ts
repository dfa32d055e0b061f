import { LOCAL_OWNER_ID } from '@taskoverflow/db';
import { describe, expect, it } from 'vitest';
import { ACCOUNTS_ENV, claimInstance, signUp, type Account } from '../../helpers/accounts.js';
import { useTestApp } from '../../helpers/test-app.js';

// The instance has a zone, so that "the instance default" and "floating" differ.
const ctx = useTestApp({ ...ACCOUNTS_ENV, CALENDAR_TIME_ZONE: 'America/New_York' });

const me = (account: Account) => ctx.http.get('/api/v1/auth/me').set('cookie', account.cookie);
const patchMe = (account: Account, body: unknown) =>
  ctx.http
    .patch('/api/v1/auth/me')
    .set('cookie', account.cookie)
    .send(body as object);
const revision = async (account: Account) =>
  (
    await ctx.app.prisma.ownerRevision.findUniqueOrThrow({
      where: { ownerId: account.user.id },
    })
  ).revision;

describe('the time zone of a user’s calendars', () => {
  it('is the instance default until the user chooses a zone, or floating', async () => {
    const account = await signUp(ctx.http);
    expect(account.user).toMatchObject({ time_zone: null, calendar_time_zone: 'America/New_York' });

    const berlin = await patchMe(account, { time_zone: 'Europe/Berlin' }).expect(200);
    expect(berlin.body.user).toMatchObject({
      id: account.user.id,
      time_zone: 'Europe/Berlin',
      calendar_time_zone: 'Europe/Berlin',
    });
    expect((await me(account).expect(200)).body).toEqual(berlin.body);

    const floating = await patchMe(account, { time_zone: 'floating' }).expect(200);
    expect(floating.body.user).toMatchObject({ time_zone: 'floating', calendar_time_zone: null });

    const reset = await patchMe(account, { time_zone: null }).expect(200);
    expect(reset.body.user).toMatchObject({
      time_zone: null,
      calendar_time_zone: 'America/New_York',
    });
  });

  it('is each user’s own: one user’s choice changes nobody else’s', async () => {
    const [ada, bob] = [await signUp(ctx.http), await signUp(ctx.http)];
    await patchMe(ada, { time_zone: 'Asia/Tokyo' }).expect(200);
    await patchMe(bob, { time_zone: 'floating' }).expect(200);
    expect((await me(ada)).body.user.time_zone).toBe('Asia/Tokyo');
    expect((await me(bob)).body.user.time_zone).toBe('floating');
    const local = await ctx.app.prisma.user.findUniqueOrThrow({ where: { id: LOCAL_OWNER_ID } });
    expect(local.timeZone).toBeNull();
  });

  it('leaves the setting as it is when the body names no field', async () => {
    const account = await signUp(ctx.http);
    await patchMe(account, { time_zone: 'Europe/Lisbon' }).expect(200);
    const before = await revision(account);
    const response = await patchMe(account, {}).expect(200);
    expect(response.body.user.time_zone).toBe('Europe/Lisbon');
    expect(await revision(account)).toBe(before);
  });

  it.each([
    ['an unknown zone', { time_zone: 'Mars/Olympus_Mons' }],
    ['a zone in the wrong case (names are case-sensitive)', { time_zone: 'europe/berlin' }],
    ['an offset', { time_zone: '+01:00' }],
    ['an empty name', { time_zone: '' }],
    ['a number', { time_zone: 1 }],
    ['an unknown field', { time_zone: 'Europe/Berlin', role: 'admin' }],
  ])('refuses %s with 400, and changes nothing', async (_, body) => {
    const account = await signUp(ctx.http);
    await patchMe(account, { time_zone: 'Europe/Paris' }).expect(200);
    const before = await ctx.app.prisma.user.findMany({ orderBy: { id: 'asc' } });
    const response = await patchMe(account, body).expect(400);
    expect(response.body).toMatchObject({ error: expect.any(String) });
    expect(await ctx.app.prisma.user.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('makes the calendars made before a change unfit for reuse (the owner’s revision moves), and only a change does', async () => {
    const account = await signUp(ctx.http);
    const before = await revision(account);
    await patchMe(account, { time_zone: 'Europe/Berlin' }).expect(200);
    const changed = await revision(account);
    expect(changed).toBeGreaterThan(before);
    await patchMe(account, { time_zone: 'Europe/Berlin' }).expect(200);
    expect(await revision(account)).toBe(changed);
  });

  it('goes with the local owner’s data to the admin who claims the instance, not to a member', async () => {
    await ctx.app.prisma.user.update({
      where: { id: LOCAL_OWNER_ID },
      data: { timeZone: 'Australia/Sydney' },
    });
    const second = await signUp(ctx.http);
    const first = await claimInstance(ctx);
    expect(first.user).toMatchObject({ role: 'admin', time_zone: 'Australia/Sydney' });
    expect(second.user).toMatchObject({ role: 'member', time_zone: null });
  });
});
