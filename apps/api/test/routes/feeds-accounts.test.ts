import ICAL from 'ical.js';
import { LOCAL_OWNER_ID } from '@taskoverflow/db';
import { describe, expect, it } from 'vitest';
import { ACCOUNTS_ENV, claimInstance, signUp, type Account } from '../helpers/accounts.js';
import { fetchUntil } from '../helpers/fetch-until.js';
import { useTestApp } from '../helpers/test-app.js';
import { useTestWorker } from '../helpers/test-worker.js';

/** AUTH_MODE=accounts, with a real worker rendering the feeds. */
const ctx = useTestApp(ACCOUNTS_ENV);
useTestWorker(ctx);

/** The public feed's text once the worker has rendered it (no cookie, no token). */
async function feedText(url: string): Promise<string> {
  const response = await fetchUntil(ctx.http, new URL(url).pathname, (r) => r.status === 200);
  return response.text;
}

const summaries = (ics: string) =>
  new ICAL.Component(ICAL.parse(ics))
    .getAllSubcomponents('vevent')
    .map((event) => String(event.getFirstPropertyValue('summary')))
    .sort();

async function todoAndFeed(account: Account, title: string): Promise<string> {
  const as = { cookie: account.cookie };
  await ctx.http
    .post('/api/v1/todos')
    .set(as)
    .send({ title, deadline_at: '2026-08-01T08:00:00' })
    .expect(201);
  const { body } = await ctx.http.post('/api/v1/feeds').set(as).send({}).expect(201);
  return body.url;
}

describe('feeds in AUTH_MODE=accounts', () => {
  it('answer without a session, and each holds only its owner’s todos', async () => {
    await claimInstance(ctx); // the admin, who is neither of the two
    const [ada, bob] = [await signUp(ctx.http), await signUp(ctx.http)];
    const adasFeed = await todoAndFeed(ada, 'Ada’s');
    const bobsFeed = await todoAndFeed(bob, 'Bob’s');
    expect(summaries(await feedText(adasFeed))).toEqual(['Ada’s']);
    expect(summaries(await feedText(bobsFeed))).toEqual(['Bob’s']);
    // Nor does the list of one show the other's.
    const { body: bobsList } = await ctx.http
      .get('/api/v1/feeds')
      .set('cookie', bob.cookie)
      .expect(200);
    expect(bobsList).toHaveLength(1);
  });

  it('made before accounts go to the admin who claims the instance, and keep their URL', async () => {
    // As AUTH_MODE=local made it, before anyone signed up.
    const { id } = await ctx.app.prisma.calendarFeed.create({
      data: { ownerId: LOCAL_OWNER_ID, name: 'Before accounts', secretSha256: 'c'.repeat(64) },
    });
    const admin = await claimInstance(ctx);
    const moved = await ctx.app.prisma.calendarFeed.findUniqueOrThrow({ where: { id } });
    expect(moved.ownerId).toBe(admin.user.id);
    expect(moved.secretSha256).toBe('c'.repeat(64));
  });
});
