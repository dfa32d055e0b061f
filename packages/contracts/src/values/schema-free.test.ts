import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const folder = new URL('./', import.meta.url);
const sources = readdirSync(folder).filter(
  (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
);

// The web imports this entry so that its bundle carries no TypeBox: nothing here may reach it,
// neither directly nor through the schema modules beside this folder.
it.each(sources)('%s imports nothing but its neighbours in values/', (name) => {
  const source = readFileSync(new URL(name, folder), 'utf8');
  const imported = [...source.matchAll(/\bfrom\s+'([^']+)'/g)].map((match) => match[1]);
  expect(imported.filter((path) => !path?.startsWith('./'))).toEqual([]);
});
