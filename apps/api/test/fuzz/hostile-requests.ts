import fc from 'fast-check';
import { hostileHeader, hostileJson, hostileText, type EncodedText } from './hostile-values.js';
import {
  exampleOf,
  type JsonSchema,
  type Operation,
  type RequestParts,
} from './openapi-operations.js';
import type { RawRequest } from './raw-request.js';

/** A request being put together: every value in the form it goes on the wire. */
export interface Draft {
  path: Record<string, EncodedText>;
  query: [string, EncodedText][];
  header: Record<string, string>;
  /** Body fields as raw JSON text; a string replaces the whole body. */
  body: [string, string][] | string | undefined;
}

/** One place of a request made hostile; applied to a valid request when it is sent (the stored rows change between runs). */
export interface Mutation {
  /** Where, and the hostile value: what fast-check reports. */
  mutated: string;
  value: unknown;
  apply(draft: Draft): void;
}

export interface JudgedRequest {
  request: RawRequest;
  /** Whether the document allows it; undefined when what the server decodes is not certain. */
  allowed: boolean | undefined;
}

const plain = (text: string): EncodedText => ({ encoded: encodeURIComponent(text), decoded: text });

/** Names no schema declares: a plain one, and those that poison prototypes. */
const UNDECLARED_FIELDS = ['unknown', '__proto__', 'constructor'];

function validDraft(operation: Operation, validPathValues: Record<string, string>): Draft {
  const path: Record<string, EncodedText> = {};
  for (const { name } of operation.parameters.filter((p) => p.in === 'path')) {
    const value = validPathValues[name];
    if (value === undefined)
      throw new Error(
        `No valid value for path parameter ${name} of ${operation.method} ${operation.path}`,
      );
    path[name] = plain(value);
  }
  const body =
    operation.body &&
    Object.entries(exampleOf(operation.body) as object).map(([name, value]): [string, string] => [
      name,
      JSON.stringify(value),
    ]);
  return { path, query: [], header: {}, body };
}

function placesOf(operation: Operation): fc.Arbitrary<Mutation>[] {
  const parameter = (location: 'path' | 'query' | 'header') =>
    operation.parameters.filter((p) => p.in === location);
  const bodyFields: [string, JsonSchema | undefined][] = [
    ...Object.entries(operation.body?.properties ?? {}),
    ...UNDECLARED_FIELDS.map((name): [string, undefined] => [name, undefined]),
  ];
  return [
    ...parameter('path').map(({ name, schema }) =>
      hostileText(schema).map((value) => ({
        mutated: `path ${name}`,
        value,
        apply: (draft: Draft) => void (draft.path[name] = value),
      })),
    ),
    ...[...parameter('query'), { name: 'unknown', schema: {} }].map(({ name, schema }) =>
      // Mostly one value; sometimes the parameter repeated (`?limit=1&limit=2`), which the server reads as an array.
      fc
        .oneof(
          { weight: 4, arbitrary: hostileText(schema).map((value) => [value]) },
          fc.array(hostileText(schema), { minLength: 2, maxLength: 3 }),
        )
        .map((values) => ({
          mutated: `query ${name}`,
          value: values,
          apply: (draft: Draft) =>
            void draft.query.push(...values.map((value): [string, EncodedText] => [name, value])),
        })),
    ),
    ...parameter('header').map(({ name, schema }) =>
      hostileHeader(schema).map((value) => ({
        mutated: `header ${name}`,
        value,
        apply: (draft: Draft) => void (draft.header[name] = value),
      })),
    ),
    ...(operation.body
      ? [
          ...bodyFields.map(([name, schema]) =>
            hostileJson(schema).map((value) => ({
              mutated: `body field ${name}`,
              value,
              apply: (draft: Draft) => {
                const fields = (draft.body as [string, string][]).filter(
                  ([field]) => field !== name,
                );
                draft.body = [...fields, [name, value]];
              },
            })),
          ),
          hostileJson().map((value) => ({
            mutated: 'the whole body',
            value,
            apply: (draft: Draft) => void (draft.body = value),
          })),
        ]
      : []),
  ];
}

function bodyText(body: Draft['body']): string | undefined {
  if (typeof body !== 'object') return body;
  return `{${body.map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`;
}

function toRawRequest(operation: Operation, draft: Draft): RawRequest {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => draft.path[name]!.encoded);
  const query = draft.query
    .map(([name, value]) => `${encodeURIComponent(name)}=${value.encoded}`)
    .join('&');
  return {
    method: operation.method,
    path: query ? `${path}?${query}` : path,
    headers: draft.header,
    body: bodyText(draft.body),
  };
}

/** The parts as the server decodes them, or undefined when that is not certain. */
function decode(
  draft: Draft,
  body: string | undefined,
): RequestParts | 'unparsable body' | undefined {
  const path: Record<string, string> = {};
  for (const [name, value] of Object.entries(draft.path)) {
    // An empty segment or a dot segment is another route, not a value of this one.
    if (value.decoded === undefined || value.encoded === '' || /^\.{1,2}$/.test(value.encoded))
      return undefined;
    path[name] = value.decoded;
  }
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of draft.query) {
    if (value.decoded === undefined) return undefined;
    const earlier = query[name];
    query[name] = earlier === undefined ? value.decoded : [earlier, value.decoded].flat();
  }
  // The server reads a header without the spaces and tabs around it.
  const header = Object.fromEntries(
    Object.entries(draft.header).map(([name, value]) => [
      name,
      value.replace(/^[ \t]+|[ \t]+$/g, ''),
    ]),
  );
  if (body === undefined) return { path, query, header, body: undefined };
  try {
    return { path, query, header, body: JSON.parse(body) };
  } catch {
    return 'unparsable body';
  }
}

/** Valid requests to `operation` but for one hostile place: a path segment, a query parameter, a header or a body field. */
export function hostileMutations(operation: Operation): fc.Arbitrary<Mutation> {
  return fc.oneof(...placesOf(operation));
}

/**
 * The request a mutation makes of a valid one, and whether the document allows it.
 * @param validPathValues a value that names a stored row, per path parameter name
 */
export function judgedRequest(
  operation: Operation,
  mutation: Mutation,
  validPathValues: Record<string, string>,
): JudgedRequest {
  const draft = validDraft(operation, validPathValues);
  mutation.apply(draft);
  const request = toRawRequest(operation, draft);
  const parts = decode(draft, request.body);
  return {
    request,
    allowed: parts === 'unparsable body' ? false : parts && operation.allows(parts),
  };
}
