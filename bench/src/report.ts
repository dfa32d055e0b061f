import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

/** Prints rows as a table and writes them, with the machine they ran on, to results/<name>.json. */
export function report(
  name: string,
  rows: Record<string, string | number>[],
  notes: Record<string, unknown> = {},
) {
  console.table(rows);
  mkdirSync(resultsDir, { recursive: true });
  const file = `${resultsDir}${name}.json`;
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  writeFileSync(
    file,
    `${JSON.stringify({ name, date: new Date().toISOString(), machine, rows, ...notes }, null, 2)}\n`,
  );
  console.log(`results written to ${file}`);
}
