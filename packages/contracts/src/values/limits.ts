// The bounds the API's schemas enforce and the web's forms check before sending:
// declared here once, so that the two cannot drift.

// Passwords are counted in characters (see characterLength), and never truncated.
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const EMAIL_MAX_LENGTH = 254;
export const TOKEN_NAME_MAX_LENGTH = 100;

export const TITLE_MAX_LENGTH = 500;
export const DESCRIPTION_MAX_LENGTH = 10_000;
/** The largest page of `GET /todos`. */
export const LIST_LIMIT_MAX = 1_000;
/** The widest deadline `window`, in days: a century. */
export const WINDOW_DAYS_MAX = 36_500;
/** The largest PostgreSQL `integer`: no id is larger, and no table has more rows to skip. */
export const POSTGRES_INTEGER_MAX = 2_147_483_647;

export const FEED_NAME_MAX_LENGTH = 100;
/** The longest reminder (VALARM) before a deadline, in minutes: four weeks (what the calendar builder writes). */
export const REMINDER_MINUTES_MAX = 40_320;

/**
 * The length of `text` as every limit above counts it: in characters (code
 * points), as JSON Schema's `maxLength` does, so an emoji is one, not two.
 */
export function characterLength(text: string): number {
  return [...text].length;
}
