// Who may sign up (SIGN_UP): the API's setting and the page's choice of form, written once.

/** `open`: anyone; `invite`: with an admin's invite link; `closed`: nobody, but the claim with the setup code. */
export const SIGN_UP_MODES = ['open', 'invite', 'closed'] as const;
export type SignUpMode = (typeof SIGN_UP_MODES)[number];

/** How long an invite link works: a week, time enough to reach someone by mail. */
export const INVITE_LIFETIME_DAYS = 7;

/** The query parameter of an invite link (`/?invite=<secret>`): the page opens its sign-up form with it. */
export const INVITE_PARAMETER = 'invite';

export const SETUP_CODE_MAX_LENGTH = 64;
export const INVITE_MAX_LENGTH = 100;
