import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORD_COUNT, passwordProblem } from './password-policy.js';

const email = 'ada.lovelace@example.com';

describe('passwordProblem', () => {
  it('knows at least 3,000 common passwords', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(3_000);
  });

  it.each(['password', 'Password1', '12345678', 'iloveyou', 'QWERTYUIOP', 'trustno1', 'sunshine'])(
    'refuses the common %s',
    (password) => {
      expect(passwordProblem(password, email)).toMatch(/common/);
    },
  );

  it.each([
    'ada.lovelace',
    'Ada.Lovelace!!',
    '2026ada.lovelace',
    email,
    'TaskOverflow1',
    'task overflow',
  ])('refuses %s, guessed from the email or the service', (password) => {
    expect(passwordProblem(password, email)).toMatch(/guess/);
  });

  it.each([
    'correct horse battery staple',
    'ada lovelace wrote the first program',
    'v9#Lq2!x',
    'ｐａｓｓｗｏｒｄ１ is long',
  ])('takes %s: no composition rules', (password) => {
    expect(passwordProblem(password, email)).toBeUndefined();
  });

  it('compares the NFKC form: full-width letters are the letters', () => {
    expect(passwordProblem('ｐａｓｓｗｏｒｄ１', email)).toMatch(/common/);
  });
});
