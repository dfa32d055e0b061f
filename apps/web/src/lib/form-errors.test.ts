import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { durationInWords, formErrorsFrom } from './form-errors';

const credentials = { labels: { email: 'Email', password: 'Password' }, conflict: 'email' };

describe('formErrorsFrom', () => {
  it('puts the API’s field messages next to the fields, in its words', () => {
    const refusal = new ApiError(400, 'Bad Request', 'password is one of the most common', {
      password: 'is one of the most common passwords, which are tried first; choose another',
    });
    expect(formErrorsFrom(refusal, credentials)).toEqual({
      fields: {
        password:
          'Password is one of the most common passwords, which are tried first; choose another.',
      },
    });
  });

  it('says a quota’s 403 for the whole form, in the API’s words', () => {
    const refusal = new ApiError(
      403,
      'Quota exceeded: at most 50 API tokens per user',
      'Quota exceeded: at most 50 API tokens per user',
    );
    expect(formErrorsFrom(refusal, credentials)).toEqual({
      fields: {},
      form: 'Quota exceeded: at most 50 API tokens per user.',
    });
  });

  it('says a field the form does not have for the whole form', () => {
    const refusal = new ApiError(400, 'Bad Request', 'x', { extra: 'is not allowed' });
    expect(formErrorsFrom(refusal, credentials)).toEqual({
      fields: {},
      form: 'Extra is not allowed.',
    });
  });

  it('gives a sign-in’s 401 as its one generic sentence', () => {
    const refusal = new ApiError(
      401,
      'Invalid email or password',
      'Check the email and the password, or sign up',
    );
    expect(formErrorsFrom(refusal, credentials)).toEqual({
      fields: {},
      form: 'Invalid email or password. Check the email and the password, or sign up.',
    });
  });

  it('puts a 409 on the field it is about', () => {
    const refusal = new ApiError(
      409,
      'Conflict',
      'An account with this email exists already; sign in instead',
    );
    expect(formErrorsFrom(refusal, credentials)).toEqual({
      fields: { email: 'An account with this email exists already; sign in instead.' },
    });
  });

  it('says how long a 429 lasts, in words', () => {
    const throttled = (seconds: number | null) =>
      new ApiError(429, 'Too Many Requests', 'Too many failed attempts', {}, seconds);
    expect(formErrorsFrom(throttled(840), credentials).form).toBe(
      'Too many attempts. Try again in 14 minutes.',
    );
    expect(formErrorsFrom(throttled(null), credentials).form).toBe('Too many failed attempts.');
  });

  it('says anything else for the whole form', () => {
    expect(
      formErrorsFrom(new ApiError(0, 'Network Error', 'Cannot reach the server.'), credentials),
    ).toEqual({
      fields: {},
      form: 'Cannot reach the server.',
    });
    expect(formErrorsFrom(new Error('boom'), credentials).form).toBe(
      'Something went wrong. Try again.',
    );
  });
});

it('says waits in words, rounded up', () => {
  expect([0.2, 1, 45, 60, 61, 840, 3600, 5400].map(durationInWords)).toEqual([
    '1 second',
    '1 second',
    '45 seconds',
    '1 minute',
    '2 minutes',
    '14 minutes',
    '1 hour',
    '2 hours',
  ]);
});
