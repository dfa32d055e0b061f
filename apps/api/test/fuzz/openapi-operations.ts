import type { RequestValidatorCompiler } from '../../src/plugins/validation.js';

/** The part of a JSON Schema the fuzzer reads. */
export interface JsonSchema {
  type?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  examples?: unknown[];
  anyOf?: JsonSchema[];
}

type ParameterLocation = 'path' | 'query' | 'header';

interface Parameter {
  in: ParameterLocation;
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** A request's parts as the server sees them once decoded (before its validation coerces them). */
export interface RequestParts {
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  header: Record<string, string>;
  /** The parsed JSON body; undefined when there is none. */
  body: unknown;
}

/** One documented method and path, with what it takes and how to judge a request to it. */
export interface Operation {
  method: string;
  /** As in the document: `/api/v1/todos/{id}`. */
  path: string;
  /** As Fastify names it: `/api/v1/todos/:id`. */
  route: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
  /** Whether the document allows these parts, under the server's rules for reading text (query, path, headers). */
  allows(parts: RequestParts): boolean;
}

function objectOf(parameters: Parameter[]): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(
      parameters.map((parameter) => [parameter.name, parameter.schema]),
    ),
    required: parameters
      .filter((parameter) => parameter.required)
      .map((parameter) => parameter.name),
  };
}

/** Every operation of the document, each judged by the server's own validation rules applied to the document's schemas. */
export function operationsOf(
  document: OpenApiDocument,
  compile: RequestValidatorCompiler,
): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]): Operation => {
      const parameters = operation.parameters ?? [];
      const body = operation.requestBody?.content['application/json']?.schema;
      const validators = {
        path: compile(objectOf(parameters.filter((p) => p.in === 'path')), 'params'),
        query: compile(objectOf(parameters.filter((p) => p.in === 'query')), 'querystring'),
        header: compile(objectOf(parameters.filter((p) => p.in === 'header')), 'headers'),
        body: body && compile(body, 'body'),
      };
      return {
        method: method.toUpperCase(),
        path,
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        parameters,
        body,
        // Validation coerces and fills defaults in place: judge copies.
        allows: (parts) =>
          validators.path(structuredClone(parts.path)) &&
          validators.query(structuredClone(parts.query)) &&
          validators.header(structuredClone(parts.header)) &&
          (!validators.body || validators.body(structuredClone(parts.body))),
      };
    }),
  );
}

/** A value the schema accepts, for the fields a valid request must carry. */
export function exampleOf(schema: JsonSchema): unknown {
  if (schema.examples?.length) return schema.examples[0];
  if (schema.anyOf?.[0]) return exampleOf(schema.anyOf[0]);
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((name) => [name, exampleOf(schema.properties?.[name] ?? {})]),
      );
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  }
}
