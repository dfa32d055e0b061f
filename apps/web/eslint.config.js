import { readdirSync } from 'node:fs';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import rootConfig from '../../eslint.config.js';

// Habit 16: the page takes the contracts' rules from their schema-free entry, so its bundle
// carries no TypeBox; the main entry's types cost nothing, as type-only imports.
const contractsValuesOnly = {
  name: '@taskoverflow/contracts',
  allowTypeImports: true,
  message: 'Import values from @taskoverflow/contracts/values (the main entry bundles TypeBox).',
};

// bulletproof-react: a feature imports only its own files and lib/ (what features share lives there).
const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const featuresStayApart = FEATURES.map((feature) => ({
  files: [`src/features/${feature}/**`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [contractsValuesOnly],
        patterns: [
          {
            group: FEATURES.filter((other) => other !== feature).map((other) => `**/${other}/**`),
            message: 'A feature imports only its own files and lib/: move what is shared to lib/.',
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  ...rootConfig,
  { ignores: ['test-results/**'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { paths: [contractsValuesOnly] }] },
  },
  reactHooks.configs.flat.recommended,
  ...featuresStayApart,
  {
    // The root config relaxes these for `*.test.ts`; component tests are `.tsx`.
    files: ['**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
