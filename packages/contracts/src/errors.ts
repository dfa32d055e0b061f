import { Type, type Static } from 'typebox';

/** The one error shape of the API: every non-2xx response has it. */
export const ErrorResponse = Type.Object(
  {
    error: Type.String({ description: 'Short code or sentence, e.g. "Bad Request"' }),
    message: Type.Optional(Type.String({ description: 'What went wrong, for people' })),
    fields: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'Per-field messages of a validation error, keyed by field name',
      }),
    ),
  },
  { $id: 'ErrorResponse', additionalProperties: true },
);
export type ErrorResponse = Static<typeof ErrorResponse>;
