import { describe, expect, it } from 'vitest';
import { user } from '../testing/fake-api';
import { CHECKING, isLocalOwner, nextSession, type SessionState } from './session-state';

const ada = user({ email: 'ada@example.com' });
const signedIn: SessionState = { status: 'signed-in', user: ada };
const nobody: SessionState = { status: 'signed-out', reason: null, email: null };

describe('nextSession', () => {
  it('starts from what GET /auth/me says', () => {
    expect(nextSession(CHECKING, { type: 'identified', user: ada })).toEqual(signedIn);
    expect(nextSession(CHECKING, { type: 'anonymous' })).toEqual(nobody);
    expect(nextSession(CHECKING, { type: 'unreachable' })).toEqual({ status: 'unverified' });
  });

  it('goes back to sign-in, saying why and for whom, when a request is refused while signed in', () => {
    expect(nextSession(signedIn, { type: 'refused' })).toEqual({
      status: 'signed-out',
      reason: 'ended',
      email: 'ada@example.com',
    });
    expect(nextSession(signedIn, { type: 'anonymous' })).toMatchObject({ reason: 'ended' });
  });

  it('lets GET /auth/me answer while checking, and ignores refusals once signed out', () => {
    expect(nextSession(CHECKING, { type: 'refused' })).toBe(CHECKING);
    const ended = nextSession(signedIn, { type: 'refused' });
    expect(nextSession(ended, { type: 'refused' })).toBe(ended);
    expect(nextSession(ended, { type: 'anonymous' })).toBe(ended);
    expect(nextSession(ended, { type: 'unreachable' })).toBe(ended);
  });

  it('shows sign-in at the first refusal of a page whose check could not be made', () => {
    const unverified: SessionState = { status: 'unverified' };
    expect(nextSession(unverified, { type: 'unreachable' })).toBe(unverified);
    expect(nextSession(unverified, { type: 'refused' })).toEqual(nobody);
    expect(nextSession(unverified, { type: 'identified', user: ada })).toEqual(signedIn);
  });

  it('says the user signed out on purpose, and forgets the email', () => {
    expect(nextSession(signedIn, { type: 'signed-out' })).toEqual({
      status: 'signed-out',
      reason: 'signed-out',
      email: null,
    });
  });
});

it('tells AUTH_MODE=local’s owner from accounts', () => {
  expect(isLocalOwner(user({ role: 'owner' }))).toBe(true);
  expect(isLocalOwner(user({ role: 'admin' }))).toBe(false);
  expect(isLocalOwner(user({ role: 'member' }))).toBe(false);
});
