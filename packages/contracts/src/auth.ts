import { Type, type Static } from 'typebox';
import { TimeZoneSetting } from './calendar-settings.js';
import { Text } from './text.js';
import { INVITE_MAX_LENGTH, SETUP_CODE_MAX_LENGTH } from './values/sign-up.js';
import {
  EMAIL_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  TOKEN_NAME_MAX_LENGTH,
} from './values/limits.js';
import {
  DEFAULT_TOKEN_SCOPE,
  TOKEN_SCOPES,
  TOKEN_SCOPE_DESCRIPTIONS,
} from './values/token-scopes.js';

const Email = Type.String({
  format: 'email',
  maxLength: EMAIL_MAX_LENGTH,
  description: 'Case does not matter; surrounding blanks are ignored',
  examples: ['ada@example.com'],
});

/** A password being chosen: its length here; the server also refuses the commonest ones. */
const NewPassword = Text({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, any of them; not one of the commonest passwords`,
});

/** A password being checked: no rule but the bounds (a wrong one is simply wrong). */
const GivenPassword = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH });

const Instant = Type.String({ format: 'date-time' });

export const User = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    role: Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')]),
    created_at: Instant,
    time_zone: Type.Union([Type.String(), Type.Null()], {
      description:
        'The setting: an IANA time zone, `floating`, or null for the instance default (see PATCH /auth/me)',
    }),
    calendar_time_zone: Type.Union([Type.String(), Type.Null()], {
      description:
        'The zone this user’s calendars are written in, the setting applied; null: floating',
    }),
  },
  { $id: 'User' },
);
export type User = Static<typeof User>;

/** What a user may change of their own account in one request. */
export const UpdateUserBody = Type.Object(
  { time_zone: Type.Optional(TimeZoneSetting) },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const UserResponse = Type.Object({ user: User });
export type UserResponse = Static<typeof UserResponse>;

export const SignUpBody = Type.Object(
  {
    email: Email,
    password: NewPassword,
    setup_code: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: SETUP_CODE_MAX_LENGTH,
        description:
          'The code the API logs at start while no admin exists: this account becomes the admin. ' +
          'Case, blanks and dashes do not matter',
      }),
    ),
    invite: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: INVITE_MAX_LENGTH,
        description: 'With SIGN_UP=invite: the secret of an invite link (its `invite` parameter)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SignUpBody = Static<typeof SignUpBody>;

export const SignInBody = Type.Object(
  { email: Email, password: GivenPassword },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const ChangePasswordBody = Type.Object(
  {
    current_password: GivenPassword,
    new_password: NewPassword,
    revoke_tokens: Type.Optional(
      Type.Boolean({
        description: 'Whether the account’s API tokens are revoked too (left out: they are)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

const SCOPES_EXPLAINED = TOKEN_SCOPES.map((s) => `\`${s}\`: ${TOKEN_SCOPE_DESCRIPTIONS[s]}`);
const tokenScope = (description: string) =>
  Type.Enum(TOKEN_SCOPES, { description: [description, ...SCOPES_EXPLAINED].join(' ') });

export const CreateApiTokenBody = Type.Object(
  {
    name: Text({
      maxLength: TOKEN_NAME_MAX_LENGTH,
      notBlank: true,
      description: 'What the token is for',
    }),
    current_password: GivenPassword,
    scope: Type.Optional(
      tokenScope(`What the token may do (left out: \`${DEFAULT_TOKEN_SCOPE}\`).`),
    ),
  },
  { additionalProperties: false },
);
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>;

const tokenFields = {
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  scope: tokenScope('What the token may do.'),
  created_at: Instant,
};

/** A new token: the only answer that ever holds its secret. */
export const CreatedApiToken = Type.Object({
  ...tokenFields,
  token: Type.String({ description: 'Send it as `Authorization: Bearer <token>`; shown once' }),
});
export type CreatedApiToken = Static<typeof CreatedApiToken>;

export const ApiTokenSummary = Type.Object(
  { ...tokenFields, last_used_at: Type.Union([Instant, Type.Null()]) },
  { $id: 'ApiTokenSummary' },
);
export type ApiTokenSummary = Static<typeof ApiTokenSummary>;

export const SessionSummary = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'A name for the session, not its secret' }),
    created_at: Instant,
    last_seen_at: Instant,
    expires_at: Type.String({
      format: 'date-time',
      description: 'When it ends unless used again (the idle timeout), or at the latest',
    }),
    user_agent: Type.Union([Type.String(), Type.Null()]),
    current: Type.Boolean({ description: 'Whether it is the session of this request' }),
  },
  { $id: 'SessionSummary' },
);
export type SessionSummary = Static<typeof SessionSummary>;

/** The ways to sign in besides a password (`GET /auth/providers`): an OpenID Connect provider's button, or null. */
export const SignInProviders = Type.Object(
  {
    oidc: Type.Union([
      Type.Object({
        label: Type.String({ description: 'The button’s text (OIDC_BUTTON_LABEL)' }),
        url: Type.String({ description: 'Where the button goes: the start of the sign-in' }),
      }),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);
export type SignInProviders = Static<typeof SignInProviders>;
