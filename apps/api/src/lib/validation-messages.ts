import {
  FLOATING_DATE_FORMAT,
  FLOATING_DATE_TIME_FORMAT,
  IDEMPOTENCY_KEY_PATTERN,
  NOT_BLANK_PATTERN,
  TEXT_PATTERN,
  TIME_ZONE_FORMAT,
} from '@taskoverflow/contracts';
import type { FastifySchemaValidationError, SchemaErrorDataVar } from 'fastify/types/schema.js';

/** What each shared pattern of the contracts asks for. */
const PATTERN_MESSAGES: Record<string, string> = {
  [NOT_BLANK_PATTERN]: 'must not be empty',
  [TEXT_PATTERN]:
    'must not contain control characters (tab and line breaks are fine) or invalid Unicode',
  [IDEMPOTENCY_KEY_PATTERN]: 'must be printable ASCII',
};

// A deadline takes either form: whichever the value missed, the answer names both.
const DEADLINE_MESSAGE =
  'must be a real date like 2026-03-01 (all day), or a date and time like 2026-03-01T14:00:00 (no time zone)';

/** What each format of the contracts asks for. */
const FORMAT_MESSAGES: Record<string, string> = {
  [FLOATING_DATE_TIME_FORMAT]: DEADLINE_MESSAGE,
  [FLOATING_DATE_FORMAT]: DEADLINE_MESSAGE,
  [TIME_ZONE_FORMAT]:
    'must be an IANA time zone like Europe/Berlin (case-sensitive), "floating", or null for the instance default',
};

/** Ajv's terse messages, said the way a form would say them. */
function describe(error: FastifySchemaValidationError): string {
  const params = error.params;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not allowed';
    case 'minLength':
      return params.limit === 1
        ? 'must not be empty'
        : `must be at least ${String(params.limit)} characters`;
    case 'pattern':
      return (
        PATTERN_MESSAGES[String(params.pattern)] ??
        `must match the pattern ${String(params.pattern)}`
      );
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters`;
    case 'format':
      return FORMAT_MESSAGES[String(params.format)] ?? `must be a valid ${String(params.format)}`;
    case 'type':
      return `must be ${String(params.type)}`;
    default:
      return error.message ?? 'is invalid';
  }
}

/** The field an error is about: the offending property, or the one at its path. */
function fieldOf(error: FastifySchemaValidationError): string {
  const params = error.params;
  const property = params.missingProperty ?? params.additionalProperty;
  if (typeof property === 'string') return property;
  return error.instancePath.split('/').filter(Boolean).join('.');
}

export function describeValidationErrors(
  errors: FastifySchemaValidationError[],
  context: SchemaErrorDataVar,
): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const error of errors) {
    // A null that fails `anyOf` repeats the field's real complaint; keep the first one.
    if (error.keyword === 'anyOf') continue;
    const field = fieldOf(error) || context;
    fields[field] ??= describe(error);
  }
  const message = Object.entries(fields)
    .map(([field, text]) => (field === context ? `${context} ${text}` : `${field} ${text}`))
    .join('; ');
  return { message: message || `${context} is invalid`, fields };
}
