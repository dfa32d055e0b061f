import { Type, type TString } from 'typebox';

/**
 * Control characters (C0, DEL and C1) except tab, line feed and carriage
 * return: PostgreSQL text cannot hold NUL, and the others only garble
 * terminals, logs and calendar apps.
 */
const CONTROLS_BUT_TAB_AND_LINE_BREAKS =
  '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';

/**
 * Any text without those controls and without a lone surrogate, which has no
 * UTF-8 form and would be stored as U+FFFD. Surrogate pairs are written out
 * so that the pattern means the same with and without the regex `u` flag.
 */
export const TEXT_PATTERN = `^(?:[^${CONTROLS_BUT_TAB_AND_LINE_BREAKS}\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*$`;

/** At least one character that is not white space. */
export const NOT_BLANK_PATTERN = '\\S';

export interface TextOptions {
  maxLength: number;
  minLength?: number;
  /** A text of blanks is as empty as no text. */
  notBlank?: boolean;
  description?: string;
}

/** A string field people type: bounded, and free of what cannot be stored or shown as typed. */
export function Text({
  maxLength,
  minLength,
  notBlank = false,
  description,
}: TextOptions): TString {
  return Type.String({
    ...(notBlank ? { minLength: 1, allOf: [{ type: 'string', pattern: NOT_BLANK_PATTERN }] } : {}),
    ...(minLength === undefined ? {} : { minLength }),
    maxLength,
    pattern: TEXT_PATTERN,
    ...(description ? { description } : {}),
  });
}
