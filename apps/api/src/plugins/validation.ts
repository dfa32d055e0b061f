import { FLOATING_DATE_TIME_FORMAT, isFloatingDateTime } from '@taskoverflow/contracts';
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

function createAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, ...options });
  addFormats.default(ajv);
  ajv.addFormat(FLOATING_DATE_TIME_FORMAT, isFloatingDateTime);
  return ajv;
}

/**
 * Bodies are JSON and must have the right types as sent (`"true"` is not a boolean);
 * query strings and path parameters are text, so their numbers and booleans are coerced.
 */
export const validation = fp(
  (app: FastifyInstance) => {
    const bodyAjv = createAjv({ coerceTypes: false });
    const textAjv = createAjv({ coerceTypes: true });
    app.setValidatorCompiler(({ schema, httpPart }) =>
      (httpPart === 'body' ? bodyAjv : textAjv).compile(schema),
    );
  },
  { name: 'validation' },
);
