import { Type } from 'typebox';

/** Letters, digits and a few separators, not too long to log. */
export const REQUEST_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$';
/** A request's id as the API accepts it from `X-Request-Id` (a UUID, a trace id, a proxy's id). */
export const RequestId = Type.String({ pattern: REQUEST_ID_PATTERN });
