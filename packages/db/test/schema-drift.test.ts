import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

/**
 * Proves that the hand-written SQL migrations build exactly the database that
 * `schema.prisma` describes: the migrated template is compared with what
 * Prisma's own schema parser (the same Wasm module the CLI uses) reads from the schema.
 */

interface Column {
  type: string;
  nullable: boolean;
  default: string | null;
}
interface Index {
  columns: string[];
  unique: boolean;
  primary: boolean;
}
interface Table {
  columns: Record<string, Column>;
  indexes: Record<string, Index>;
}

interface DmmfField {
  name: string;
  dbName: string | null;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  nativeType: [string, string[]] | null;
  default?: { name: string; args: unknown[] } | string | number | boolean;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'normal' | 'unique';
  dbName?: string | null;
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: {
      name: string;
      dbName: string | null;
      values: { name: string; dbName: string | null }[];
    }[];
    indexes: DmmfIndex[];
  };
}

const schemaPath = fileURLToPath(new URL('../../../prisma/schema.prisma', import.meta.url));

function readDmmf(): Dmmf {
  return JSON.parse(
    get_dmmf(JSON.stringify({ prismaSchema: readFileSync(schemaPath, 'utf8') })),
  ) as Dmmf;
}

/** The PostgreSQL type (as `format_type` prints it) that Prisma gives a field. */
function columnType(field: DmmfField, enumTypes: Map<string, string>): string {
  if (field.kind === 'enum') {
    const name = enumTypes.get(field.type)!;
    return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name}"`;
  }
  const [native, args = []] = field.nativeType ?? [];
  const precision = args.length ? `(${args.join(',')})` : '';
  switch (native ?? field.type) {
    case 'String':
    case 'Text':
      return 'text';
    case 'VarChar':
      return `character varying${precision}`;
    case 'Char':
      return `character${precision}`;
    case 'Uuid':
      return 'uuid';
    case 'Int':
    case 'Integer':
      return 'integer';
    case 'BigInt':
      return 'bigint';
    case 'Boolean':
      return 'boolean';
    case 'Float':
    case 'DoublePrecision':
      return 'double precision';
    case 'Real':
      return 'real';
    case 'Bytes':
    case 'ByteA':
      return 'bytea';
    case 'Json':
      return 'jsonb';
    case 'DateTime':
      return 'timestamp(3) without time zone';
    case 'Timestamp':
      return `timestamp${precision} without time zone`;
    case 'Timestamptz':
      return `timestamp${precision} with time zone`;
    default:
      throw new Error(`No mapping for ${field.type} ${native ?? ''}: extend columnType()`);
  }
}

/** The column default PostgreSQL reports for a Prisma default (none for client-side ones). */
function columnDefault(
  field: DmmfField,
  table: string,
  column: string,
  type: string,
): string | null {
  const value = field.default;
  if (value === undefined || field.isUpdatedAt) return null;
  if (typeof value === 'object') {
    if (value.name === 'autoincrement') return `nextval('${table}_${column}_seq'::regclass)`;
    if (value.name === 'now') return 'CURRENT_TIMESTAMP';
    if (value.name === 'dbgenerated') return String(value.args[0]);
    return null; // uuid(), cuid(): made by the client
  }
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'::${type}`;
  if (field.kind === 'enum') return `'${String(value)}'::${type}`;
  return String(value);
}

function expectedTables(dmmf: Dmmf): Record<string, Table> {
  const tables: Record<string, Table> = {};
  const enumTypes = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  for (const model of dmmf.datamodel.models) {
    const table = model.dbName ?? model.name;
    const columnOf = (name: string) => {
      const field = model.fields.find((f) => f.name === name)!;
      return field.dbName ?? field.name;
    };
    const columns: Record<string, Column> = {};
    for (const field of model.fields.filter((f) => f.kind !== 'object')) {
      const column = field.dbName ?? field.name;
      const type = columnType(field, enumTypes);
      columns[column] = {
        type,
        nullable: !field.isRequired,
        default: columnDefault(field, table, column, type),
      };
    }
    const indexes: Record<string, Index> = {};
    for (const index of dmmf.datamodel.indexes.filter((i) => i.model === model.name)) {
      const cols = index.fields.map((f) => columnOf(f.name));
      const suffix = { id: 'pkey', unique: 'key', normal: 'idx' }[index.type];
      const name =
        index.dbName ??
        (index.type === 'id' ? `${table}_pkey` : `${table}_${cols.join('_')}_${suffix}`);
      indexes[name] = {
        columns: cols,
        unique: index.type !== 'normal',
        primary: index.type === 'id',
      };
    }
    tables[table] = { columns, indexes };
  }
  return tables;
}

async function actualTables(url: string): Promise<Record<string, Table>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ table: string; column: string } & Column>(`
      SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
             NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`);
    const indexes = await client.query<{ table: string; name: string } & Index>(`
      SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
             array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
      FROM pg_index ix
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      WHERE t.relname <> '_prisma_migrations'`);
    const tables: Record<string, Table> = {};
    const tableOf = (name: string) => (tables[name] ??= { columns: {}, indexes: {} });
    for (const { table, column, ...rest } of columns.rows) tableOf(table).columns[column] = rest;
    for (const { table, name, ...rest } of indexes.rows) tableOf(table).indexes[name] = rest;
    return tables;
  } finally {
    await client.end();
  }
}

async function actualEnums(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; labels: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public'
      GROUP BY t.typname`);
    return Object.fromEntries(rows.map((row) => [row.name, row.labels]));
  } finally {
    await client.end();
  }
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('the migrated database and schema.prisma', () => {
  it('have the same tables, columns, types, nullability, defaults and indexes', async () => {
    const expected = expectedTables(readDmmf());
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(await actualTables(database.url)).toEqual(expected);
  });

  it('have the same enums', async () => {
    const expected = Object.fromEntries(
      readDmmf().datamodel.enums.map((e) => [
        e.dbName ?? e.name,
        e.values.map((v) => v.dbName ?? v.name),
      ]),
    );
    expect(await actualEnums(database.url)).toEqual(expected);
  });
});
