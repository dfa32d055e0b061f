import { expect, it } from 'vitest';
import { SignUpModeSchema } from './instance.js';
import { SIGN_UP_MODES } from './values/sign-up.js';

it('validates exactly the sign-up modes the schema-free entry names', () => {
  expect(SignUpModeSchema.anyOf.map((literal) => literal.const)).toEqual([...SIGN_UP_MODES]);
});
