import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Habit 11: one owner per state machine. The queue module (packages/db/src/queue)
// alone calls graphile-worker's queue — its SQL, its functions and the feed
// triggers' queue_* functions; the export store (packages/db/src/exports) alone
// changes an export's status. Everything else asks them.
const QUEUE_ONLY =
  'Only the queue module (packages/db/src/queue) may call graphile-worker: ask the export or feed store.';
const EXPORT_STORE_ONLY =
  "Only the export store (packages/db/src/exports) may change an export's status: ask it.";
const queueBoundary = [
  { selector: 'TemplateElement[value.raw=/graphile_worker\\./]', message: QUEUE_ONLY },
  { selector: 'Literal[value=/graphile_worker\\./]', message: QUEUE_ONLY },
  { selector: 'TemplateElement[value.raw=/\\bqueue_\\w*feed_renders?\\b/]', message: QUEUE_ONLY },
  {
    selector:
      'CallExpression[callee.property.name=/^(addJob|addJobs|quickAddJob|makeWorkerUtils)$/]',
    message: QUEUE_ONLY,
  },
];
const exportStatusBoundary = [
  {
    selector:
      'TemplateElement[value.raw=/\\b(update|insert\\s+into|delete\\s+from)\\s+"?calendar_exports\\b/i]',
    message: EXPORT_STORE_ONLY,
  },
  {
    selector:
      "MemberExpression[object.property.name='calendarExport'][property.name=/^(create|update|upsert|delete)/]",
    message: EXPORT_STORE_ONLY,
  },
];

// Habit 15: packages/db is the only data layer. An app may hold a Prisma client
// to hand to a repository, never query with it; nor write SQL, nor open pg.
const DATA_LAYER_ONLY =
  'Apps do not reach the database: ask a repository or store of @taskoverflow/db (packages/db/src/<aggregate>).';
const SQL_STATEMENT =
  '/\\b(SELECT|INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|TRUNCATE|LISTEN|NOTIFY)\\s/';
const dataLayerBoundary = [
  { selector: `TemplateElement[value.raw=${SQL_STATEMENT}]`, message: DATA_LAYER_ONLY },
  { selector: `Literal[value=${SQL_STATEMENT}]`, message: DATA_LAYER_ONLY },
  // A delegate or raw query on a client, however reached: prisma.todo, app.prisma.user, tx.$queryRaw.
  {
    selector: "MemberExpression[object.name='prisma'][property.name!=/^\\$(dis)?connect$/]",
    message: DATA_LAYER_ONLY,
  },
  {
    selector:
      "MemberExpression[object.property.name='prisma'][property.name!=/^\\$(dis)?connect$/]",
    message: DATA_LAYER_ONLY,
  },
  {
    selector: 'MemberExpression[property.name=/^\\$(queryRaw|executeRaw|transaction)/]',
    message: DATA_LAYER_ONLY,
  },
];
const dataLayerImports = {
  paths: [
    { name: 'pg', message: DATA_LAYER_ONLY },
    { name: 'sql-template-tag', message: DATA_LAYER_ONLY },
    {
      name: '@taskoverflow/db',
      importNames: ['PrismaClient', 'Prisma'],
      allowTypeImports: true,
      message: `${DATA_LAYER_ONLY} (A type, to hand a client on, is fine.)`,
    },
  ],
  patterns: [{ group: ['@prisma/*'], message: DATA_LAYER_ONLY }],
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/src/generated/**',
      '**/.data/**',
      '**/coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      // Fastify plugins and hooks are async by contract, awaiting or not.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Configuration is read once, in each app's config module.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings in the config module.' },
      ],
      'no-restricted-syntax': ['error', ...queueBoundary, ...exportStatusBoundary],
    },
  },
  {
    files: ['packages/db/src/queue/**'],
    rules: { 'no-restricted-syntax': ['error', ...exportStatusBoundary] },
  },
  {
    files: ['packages/db/src/exports/**'],
    rules: { 'no-restricted-syntax': ['error', ...queueBoundary] },
  },
  {
    files: ['apps/*/src/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...queueBoundary,
        ...exportStatusBoundary,
        ...dataLayerBoundary,
      ],
      '@typescript-eslint/no-restricted-imports': ['error', dataLayerImports],
    },
  },
  {
    // Tests, which read and arrange the queue and the rows directly so that
    // they check the data layer instead of trusting it.
    files: ['**/test/**', '**/*.test.ts', '**/testing/**', '**/e2e/**', '**/bench/**'],
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: [
      '**/config.ts',
      '**/*.config.ts',
      'vitest.shared.ts',
      '**/testing/**',
      '**/test/**',
      '**/bench/**',
      '**/e2e/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The worker runs on node-postgres alone: Prisma and its query compiler (some 80 MB) never load there.
    files: ['apps/worker/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@taskoverflow/db',
              message: 'Import @taskoverflow/db/store: the worker does not load Prisma.',
            },
          ],
          patterns: [{ group: ['@prisma/*'], message: 'The worker does not load Prisma.' }],
        },
      ],
    },
  },
  {
    // The API in one direction: routes use plugins and lib/, never the reverse.
    files: ['apps/api/src/plugins/**', 'apps/api/src/lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)routes/',
              message: 'Plugins and lib/ never import routes/: move what they share into lib/.',
            },
          ],
        },
      ],
    },
  },
  {
    // A route folder reaches another only through what they share in lib/.
    files: ['apps/api/src/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./[^./][^/]*/',
              message: 'A route folder never imports another: move what they share into lib/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/test/**', '**/*.test.ts', '**/e2e/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
