import { QuotaExceededError, quotaExceededBody, type ErrorResponse } from '@taskoverflow/contracts';
import { isDatabaseUnavailable } from '@taskoverflow/db';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { STATUS_CODES } from 'node:http';
import { describeValidationErrors } from '../lib/validation-messages.js';

/** An error thrown on purpose: its status, message, extra body fields and headers reach the client. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly body: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const JSON_ONLY = 'The body must be JSON, sent with Content-Type: application/json';

function statusText(statusCode: number): string {
  return STATUS_CODES[statusCode] ?? 'Error';
}

/** The body of an error answer: the status's name and what went wrong. */
export function errorBody(statusCode: number, message: string): ErrorResponse {
  return { error: statusText(statusCode), message };
}

/**
 * One error shape for every failure. Client mistakes (4xx) say what was wrong;
 * a creation beyond a quota is a 403 naming it; an unavailable database is a 503 to retry; other server faults (500) are
 * logged with the request id and hidden from the client.
 */
export const errorHandler = fp(
  (app: FastifyInstance) => {
    app.setErrorHandler<FastifyError | HttpError>((error, request, reply) => {
      if ('validation' in error && error.validation) {
        const { message, fields } = describeValidationErrors(
          error.validation,
          error.validationContext ?? 'body',
        );
        return reply
          .code(400)
          .send({ error: 'Bad Request', message, fields } satisfies ErrorResponse);
      }
      if (isDatabaseUnavailable(error)) {
        request.log.warn({ err: error }, 'database unavailable');
        return reply
          .code(503)
          .header('retry-after', 5)
          .send({
            error: 'Service Unavailable',
            message: 'The database is unavailable right now; try again in a few seconds.',
          } satisfies ErrorResponse);
      }
      if (error instanceof QuotaExceededError) {
        return reply.code(403).send(quotaExceededBody(error.quota, error.limit));
      }
      if (error instanceof HttpError) {
        return reply
          .code(error.statusCode)
          .headers(error.headers)
          .send({
            error: statusText(error.statusCode),
            message: error.message,
            ...error.body,
          } satisfies ErrorResponse);
      }
      const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      if (statusCode < 500) {
        // Fastify's own message for it says only "Unsupported Media Type".
        const message = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? JSON_ONLY : error.message;
        return reply.code(statusCode).send(errorBody(statusCode, message));
      }
      request.log.error({ err: error }, 'request failed');
      return reply.code(statusCode).send({
        error: statusText(statusCode),
        message: `Something went wrong on our side. Request id: ${request.id}`,
      } satisfies ErrorResponse);
    });

    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({
        error: 'Not Found',
        message: `No route for ${request.method} ${request.url.split('?')[0]}`,
      } satisfies ErrorResponse),
    );
  },
  { name: 'error-handler' },
);
