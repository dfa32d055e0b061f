import { Type } from 'typebox';
import { isUuid } from './uuid.js';
import { HttpError } from '../plugins/error-handler.js';

/**
 * The `:task_id` of every export route; any text, so that a malformed id is a 404 like an unknown one.
 * The bound is the router's (`maxParamLength`): a longer segment is answered 414 before any validation.
 */
export const TaskParams = Type.Object({
  task_id: Type.String({ maxLength: 100, description: 'The task_id returned on creation' }),
});

/** Whether `id` can name an export at all (it is a UUID): worth a database look-up. */
export const isTaskId = isUuid;

export function unknownTask(id: string): HttpError {
  return new HttpError(404, `No export task ${id}`);
}
