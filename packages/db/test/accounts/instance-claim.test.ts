import { describe, expect, it } from 'vitest';
import {
  createAccountsRepository,
  createInvitesRepository,
  createSetupCodes,
  sha256Hex,
} from '../../src/index.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

const db = useTestPrisma();
const DAY_MS = 86_400_000;

describe('the setup code', () => {
  it('is stored as a hash, one row, replaced by each issue, and gone once an admin claims', async () => {
    const codes = createSetupCodes(db.prisma);
    const first = (await codes.issue())!;
    const second = (await codes.issue())!;
    expect(second).not.toBe(first);
    const rows = await db.prisma.instanceSetupCode.findMany();
    expect(rows).toEqual([
      expect.objectContaining({ codeSha256: sha256Hex(second.replaceAll('-', '')) }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(second);

    const accounts = createAccountsRepository(db.prisma);
    const refused = await accounts.create('a@example.com', 'hash', {
      kind: 'claim',
      setupCode: first,
    });
    expect(refused).toEqual({ refused: 'setup-code' });
    const claimed = await accounts.create('b@example.com', 'hash', {
      kind: 'claim',
      setupCode: second,
    });
    expect(claimed).toMatchObject({ user: { role: 'admin' } });
    expect(await codes.isClaimed()).toBe(true);
    expect(await db.prisma.instanceSetupCode.count()).toBe(0);
    expect(await codes.issue()).toBeNull();
  });
});

describe('invites', () => {
  it('work once and until they expire; making one deletes the expired ones', async () => {
    const admin = await db.prisma.user.create({
      data: { email: 'admin@example.com', role: 'admin' },
    });
    let now = new Date('2026-03-01T10:00:00Z');
    const invites = createInvitesRepository(db.prisma, 7 * DAY_MS, () => now);
    const old = await invites.create(admin.id);
    expect(old.record.expiresAt).toEqual(new Date('2026-03-08T10:00:00Z'));
    const accounts = createAccountsRepository(db.prisma);
    const join = (email: string, invite: string) =>
      accounts.create(email, 'hash', { kind: 'invite', invite });

    now = new Date('2026-03-09T10:00:00Z');
    expect(await invites.list()).toEqual([]);
    const fresh = await invites.create(admin.id);
    expect((await db.prisma.invite.findMany()).map((invite) => invite.id)).toEqual([
      fresh.record.id,
    ]);
    // The sign-up's clock is the real one: long after 2026-03-16, this one has expired too.
    expect(await join('late@example.com', fresh.token)).toEqual({ refused: 'invite' });

    now = new Date();
    const current = await invites.create(admin.id);
    expect(await join('c@example.com', current.token)).toMatchObject({ user: { role: 'member' } });
    expect(await join('d@example.com', current.token)).toEqual({ refused: 'invite' });
    expect(await db.prisma.user.count({ where: { email: 'd@example.com' } })).toBe(0);
  });
});
