import { describe, expect, it } from 'vitest';
import { credentialsProblems, newPasswordProblem } from './account-forms';

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
    expect(credentialsProblems('sign-in', ' ', '')).toEqual({
      fields: { email: 'Email is required.', password: 'Password is required.' },
    });
    expect(credentialsProblems('sign-in', 'ada', 'x').fields).toEqual({
      email: 'Email must look like name@example.com.',
    });
    expect(credentialsProblems('sign-in', ' ada@example.com ', 'x').fields).toEqual({});
  });

  it('checks the length of a new password only when signing up', () => {
    expect(credentialsProblems('sign-up', 'ada@example.com', 'short').fields).toEqual({
      password: 'Password must be at least 8 characters.',
    });
  });
});
