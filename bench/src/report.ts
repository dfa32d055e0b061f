import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

/** Writes `content` to results/<file> and returns its path. */
export function writeResult(file: string, content: string): string {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(`${resultsDir}${file}`, content);
  return `${resultsDir}${file}`;
}

/** Prints rows as a table and writes them, with the machine they ran on, to results/<name>.json. */
export function report(
  name: string,
  rows: Record<string, string | number>[],
  notes: Record<string, unknown> = {},
) {
  console.table(rows);
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const file = writeResult(
    `${name}.json`,
    `${JSON.stringify({ name, date: new Date().toISOString(), machine, rows, ...notes }, null, 2)}\n`,
  );
  console.log(`results written to ${file}`);
}
