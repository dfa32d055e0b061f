import { describe, expect, it } from 'vitest';
import {
  credentialsProblems,
  initialAuthMode,
  newPasswordProblem,
  signUpOffered,
} from './account-forms';

describe('newPasswordProblem', () => {
  it('counts characters as the API does, with no rule about their kinds', () => {
    expect(newPasswordProblem('')).toBe('is required');
    expect(newPasswordProblem('1234567')).toBe('must be at least 8 characters');
    // Seven emoji are fourteen UTF-16 units, but seven characters.
    expect(newPasswordProblem('🐱'.repeat(7))).toBe('must be at least 8 characters');
    expect(newPasswordProblem('🐱'.repeat(8))).toBeUndefined();
    expect(newPasswordProblem('all lower case words')).toBeUndefined();
    expect(newPasswordProblem('x'.repeat(129))).toBe('must be at most 128 characters');
  });
});

describe('credentialsProblems', () => {
  it('asks for an email that looks like one and for a password, said with their labels', () => {
    expect(credentialsProblems('sign-in', { email: ' ', password: '' })).toEqual({
      fields: { email: 'Email is required.', password: 'Password is required.' },
    });
    expect(credentialsProblems('sign-in', { email: 'ada', password: 'x' }).fields).toEqual({
      email: 'Email must look like name@example.com.',
    });
    expect(
      credentialsProblems('sign-in', { email: ' ada@example.com ', password: 'x' }).fields,
    ).toEqual({});
  });

  it('checks the length of a new password only when signing up or claiming', () => {
    const short = { email: 'ada@example.com', password: 'short', setupCode: 'X' };
    for (const mode of ['sign-up', 'claim'] as const)
      expect(credentialsProblems(mode, short).fields).toEqual({
        password: 'Password must be at least 8 characters.',
      });
  });

  it('asks for the setup code when claiming the instance', () => {
    const credentials = { email: 'ada@example.com', password: 'a fine passphrase' };
    expect(credentialsProblems('claim', { ...credentials, setupCode: ' ' }).fields).toEqual({
      setup_code: 'Setup code is required.',
    });
    expect(credentialsProblems('sign-up', credentials).fields).toEqual({});
  });
});

describe('initialAuthMode', () => {
  it('opens the claim on an unclaimed instance, the sign-up from an invite link, else the sign-in', () => {
    const unclaimed = { claimed: false, sign_up: 'open' } as const;
    const claimed = { claimed: true, sign_up: 'invite' } as const;
    expect(initialAuthMode(unclaimed, null)).toBe('claim');
    expect(initialAuthMode(claimed, null)).toBe('sign-in');
    expect(initialAuthMode(undefined, null)).toBe('sign-in');
    expect(initialAuthMode(claimed, 'secret')).toBe('sign-up');
    expect(initialAuthMode(unclaimed, 'secret')).toBe('sign-up');
  });
});

describe('signUpOffered', () => {
  it('offers sign-up but with SIGN_UP=closed', () => {
    expect(signUpOffered({ claimed: true, sign_up: 'open' })).toBe(true);
    expect(signUpOffered({ claimed: true, sign_up: 'invite' })).toBe(true);
    expect(signUpOffered({ claimed: true, sign_up: 'closed' })).toBe(false);
  });
});
