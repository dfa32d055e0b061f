// Sums the JUnit reports every workspace's vitest wrote into one line: "N passed, N failed".
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const reports = ['apps', 'packages', 'deploy']
  .flatMap((group) => readdirSync(group).map((name) => join(group, name, 'test-results')))
  .filter((dir) => existsSync(dir))
  .flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.xml'))
      .map((f) => join(dir, f)),
  );

let tests = 0;
let failed = 0;
let skipped = 0;
for (const report of reports) {
  const xml = readFileSync(report, 'utf8');
  for (const [, attributes] of xml.matchAll(/<testsuite\s([^>]*)>/g)) {
    const count = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(attributes)?.[1] ?? 0);
    tests += count('tests');
    failed += count('failures') + count('errors');
    skipped += count('skipped');
  }
}
console.log(`${reports.length} test reports`);
console.log(`${tests - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
