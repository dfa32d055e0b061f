import { Type, type Static } from 'typebox';

/** SIGN_UP: who may create an account; the same modes as SIGN_UP_MODES (a test holds them together). */
export const SignUpModeSchema = Type.Union([
  Type.Literal('open'),
  Type.Literal('invite'),
  Type.Literal('closed'),
]);

/** What the first-run page needs to know, and nothing secret: whether an admin exists, and who may sign up. */
export const SetupStatus = Type.Object({
  claimed: Type.Boolean({
    description: 'Whether an admin has claimed the instance with its setup code',
  }),
  sign_up: SignUpModeSchema,
});
export type SetupStatus = Static<typeof SetupStatus>;

const Instant = Type.String({ format: 'date-time' });

const inviteFields = {
  id: Type.String({ format: 'uuid' }),
  created_at: Instant,
  expires_at: Instant,
};

/** An invite as listed: never its link (only its hash is kept). */
export const InviteSummary = Type.Object(inviteFields, { $id: 'InviteSummary' });
export type InviteSummary = Static<typeof InviteSummary>;

/** A new invite: the only answer that holds its link. */
export const CreatedInvite = Type.Object({
  ...inviteFields,
  url: Type.String({ description: 'The link to send: it opens the sign-up form; works once' }),
});
export type CreatedInvite = Static<typeof CreatedInvite>;
