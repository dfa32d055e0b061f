import { isSupportedTimeZone } from '@taskoverflow/calendar';
import {
  FLOATING_DATE_FORMAT,
  FLOATING_DATE_TIME_FORMAT,
  TIME_ZONE_FORMAT,
  isFloatingDate,
  isFloatingDateTime,
} from '@taskoverflow/contracts';
import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

function createAjv(options: Options): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: false,
    ...options,
  });
  addFormats.default(ajv);
  ajv.addFormat(FLOATING_DATE_TIME_FORMAT, isFloatingDateTime);
  ajv.addFormat(FLOATING_DATE_FORMAT, isFloatingDate);
  // The zones the calendar builder can write, so that a saved setting never fails an export later.
  ajv.addFormat(TIME_ZONE_FORMAT, isSupportedTimeZone);
  return ajv;
}

/**
 * How a number or a boolean is written in a query string, a path or a header:
 * decimal as JSON writes it, and `true`/`false`. Ajv's own coercion also takes
 * `1e3`, `0x10`, ` 1` and `Infinity` — and lets an infinite value past
 * `minimum`/`maximum` (it skips them for non-finite numbers), which reached the
 * database as a 500.
 */
const TEXT_FORMS: Partial<Record<string, { grammar: RegExp; parse: (text: string) => unknown }>> = {
  integer: { grammar: /^-?(0|[1-9][0-9]*)$/, parse: Number },
  number: { grammar: /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/, parse: Number },
  boolean: { grammar: /^(true|false)$/, parse: (text) => text === 'true' },
};

interface PartSchema {
  properties?: Record<string, { type?: unknown }>;
}

/** Turns the texts of `data` that are written as their property's type into that type; the rest stay text, for Ajv to refuse. */
function coerceText(schema: PartSchema, data: unknown): void {
  if (!data || typeof data !== 'object') return;
  const values = data as Record<string, unknown>;
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const form = typeof property.type === 'string' ? TEXT_FORMS[property.type] : undefined;
    const value = values[name];
    if (form && typeof value === 'string' && form.grammar.test(value))
      values[name] = form.parse(value);
  }
}

/** Validates one part of a request in place (coercing and filling defaults); `errors` says why it failed. */
export type RequestValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Compiles the validator of one part of a request (`body`, `querystring`, `params`, `headers`). */
export type RequestValidatorCompiler = (
  schema: object,
  httpPart: string | undefined,
) => RequestValidator;

/**
 * Bodies are JSON and must have the right types as sent (`"true"` is not a boolean);
 * query strings, path parameters and headers are text, so their numbers and booleans are read from it.
 * Exported so that tests judge a request by exactly the rules the server applies.
 */
export function createRequestValidatorCompiler(): RequestValidatorCompiler {
  const ajv = createAjv({});
  return (schema, httpPart) => {
    const validate = ajv.compile(schema);
    if (httpPart === 'body') return validate;
    const validateText: RequestValidator = (data) => {
      coerceText(schema, data);
      const valid = validate(data);
      validateText.errors = validate.errors;
      return valid;
    };
    return validateText;
  };
}

export const validation = fp(
  (app: FastifyInstance) => {
    const compile = createRequestValidatorCompiler();
    app.setValidatorCompiler(({ schema, httpPart }) => compile(schema, httpPart));
  },
  { name: 'validation' },
);
