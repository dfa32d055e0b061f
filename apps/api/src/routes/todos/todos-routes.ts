import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateTodoBody,
  CreationForbidden,
  ErrorResponse,
  ListTodosQuery,
  Todo,
  TodoIdParams,
  UpdateTodoBody,
} from '@taskoverflow/contracts';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { apiUrl } from '../../lib/api-url.js';
import { ROUTE_PREFIXES } from '../../lib/route-paths.js';
import { HttpError } from '../../plugins/error-handler.js';
import type { StoredTodo } from '@taskoverflow/db';
import { createTodoListCache, type ListAnswer } from './todo-list-cache.js';
import { jsonArrayStream } from './todo-list-stream.js';
import { toTodoResponse } from './todo-response.js';

export interface TodosRoutesOptions {
  publicUrl: string | undefined;
  /** The todos one user may have (null: no quota, AUTH_MODE=local). */
  quota: number | null;
}

const BadRequest = { 400: ErrorResponse };
// A list is served again while its owner's todos stay unchanged; these bound how
// long one may live anyway: a `window` list also changes as time passes.
const LIST_TTL_MS = 60_000;
/** Todos per query of a whole list; a list longer than one batch is streamed, batch by batch. */
const LIST_BATCH_SIZE = 1_000;
const WINDOW_LIST_TTL_MS = 1_000;
const NotFound = { 404: ErrorResponse };

function todoNotFound(id: number): HttpError {
  return new HttpError(404, `Todo ${id} not found`);
}

export const todosRoutes: FastifyPluginAsyncTypebox<TodosRoutesOptions> = async (app, options) => {
  const todos = app.todos;
  const lists = createTodoListCache(app.ownerRevisions);
  const todoUrl = (request: Parameters<typeof apiUrl>[0], id: number) =>
    apiUrl(request, options.publicUrl, `${ROUTE_PREFIXES.todos}/${id}`);

  app.get(
    '/',
    {
      schema: {
        tags: ['todos'],
        summary: 'List todos, ordered by id',
        description:
          'All matching todos unless `limit` is given (a long list is streamed, a thousand todos at a time, and ' +
          'may show todos changed meanwhile in their old or new state). `X-Total-Count` gives how many match.',
        querystring: ListTodosQuery,
        response: { 200: Type.Array(Todo), ...BadRequest },
      },
    },
    async (request, reply) => {
      const { limit, offset = 0, ...selection } = request.query;
      const owner = request.caller.userId;
      const key = JSON.stringify([selection.completed, selection.window, limit, offset]);
      const answer = await lists.getOrLoad(
        owner,
        key,
        selection.window === undefined ? LIST_TTL_MS : WINDOW_LIST_TTL_MS,
        async (): Promise<ListAnswer> => {
          // The route's own serializers, so a cached or streamed body is byte for byte what it would send.
          const serializeList = (page: StoredTodo[]) =>
            reply.serialize(page.map(toTodoResponse)) as string;
          if (limit !== undefined) {
            const { todos: page, total } = await todos.page(owner, selection, { limit, offset });
            return { body: serializeList(page), total };
          }
          const batches = todos.inBatches(owner, selection, LIST_BATCH_SIZE, offset);
          const first = await batches.next();
          const head = first.done ? [] : first.value;
          const total = () =>
            offset || head.length === LIST_BATCH_SIZE ? todos.count(owner, selection) : head.length;
          if (head.length < LIST_BATCH_SIZE)
            return { body: serializeList(head), total: await total() };
          return { stream: jsonArrayStream(head, batches, serializeList), total: await total() };
        },
      );
      // Already serialised: sent as is, through the untyped reply.
      return (reply as FastifyReply)
        .header('x-total-count', answer.total)
        .type('application/json; charset=utf-8')
        .send('body' in answer ? answer.body : answer.stream);
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['todos'],
        summary: 'Create a todo',
        body: CreateTodoBody,
        response: { 201: Todo, ...BadRequest, 403: CreationForbidden },
      },
    },
    async (request, reply) => {
      const todo = await todos.create(request.caller.userId, request.body, options.quota);
      return reply
        .code(201)
        .header('location', todoUrl(request, todo.id))
        .send(toTodoResponse(todo));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['todos'],
        summary: 'Get a todo',
        params: TodoIdParams,
        response: { 200: Todo, ...BadRequest, ...NotFound },
      },
    },
    async (request) => {
      const todo = await todos.get(request.caller.userId, request.params.id);
      if (!todo) throw todoNotFound(request.params.id);
      return toTodoResponse(todo);
    },
  );

  app.put(
    '/:id',
    {
      schema: {
        tags: ['todos'],
        summary: 'Update some fields of a todo',
        params: TodoIdParams,
        body: UpdateTodoBody,
        response: { 200: Todo, ...BadRequest, ...NotFound },
      },
    },
    async (request) => {
      const todo = await todos.update(request.caller.userId, request.params.id, request.body);
      if (!todo) throw todoNotFound(request.params.id);
      return toTodoResponse(todo);
    },
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags: ['todos'],
        summary: 'Delete a todo (succeeds also when there was none)',
        params: TodoIdParams,
        response: {
          200: Type.Object({ id: Type.Integer(), deleted: Type.Boolean() }),
          ...BadRequest,
        },
      },
    },
    async (request) => {
      const deleted = await todos.remove(request.caller.userId, request.params.id);
      return { id: request.params.id, deleted };
    },
  );
};
