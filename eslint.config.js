import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Test files: they may import anything, including the helpers under test/support. */
const tests = ['src/**/*.test.ts', 'src/**/*.test.tsx'];

/** The server's folders, each with its own row in the dependency direction. */
const serverFolders = [
  '**/store/**',
  '**/commands/**',
  '**/http/**',
  '**/engine/**',
  '**/ingest/**',
  '**/notify/**',
];

/** Outside every server folder: the UI, the command line. */
const outside = ['**/web/**', '**/cli/**'];

/** SQL is built in store only. */
const sqlDrivers = ['kysely', 'pg', 'better-sqlite3'];

/** Test scaffolding lives under test/; production code never imports it. */
const testScaffolding = {
  group: ['**/test/**', '**/*.test.js', '**/*-test-helpers.js'],
  message: 'test helpers live under test/support and are imported by tests only',
};

/**
 * Imports each layer may not make: the dependency direction of docs/ARCHITECTURE.md. Every
 * folder's rule also refuses test scaffolding (a later rule replaces an earlier one).
 */
const forbid = (patterns, message, extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [...patterns.map((group) => ({ group: [group], message })), ...extra, testScaffolding],
    },
  ],
});

/** Only the dialect folder asks which database it runs on. */
const dialectNameSyntax = {
  selector:
    ":matches(BinaryExpression, SwitchStatement) > MemberExpression[property.name='name']:matches([object.name='dialect'], [object.property.name='dialect'])",
  message: 'only store/dialects knows which database it is on: add a StoreDialect member instead',
};
const dialectName = { 'no-restricted-syntax': ['error', dialectNameSyntax] };

/**
 * Commands hand the store domain values and get domain values back: JSON columns and 0/1
 * flags are encoded and decoded by the row mappers in store/queries/rows/. No command needs
 * JSON for anything else (webhook bodies are serialised where they are sent, in engine/).
 */
const rowsThroughMappers = {
  'no-restricted-syntax': [
    'error',
    dialectNameSyntax,
    {
      selector: "MemberExpression[object.name='JSON'][property.name=/^(parse|stringify)$/]",
      message:
        'commands pass and get domain values: JSON columns are encoded and decoded by the row mappers in store/queries/rows/',
    },
  ],
};

/** Commands write the timeline through commands/timeline.ts, which also queues its webhook events. */
const timelineThroughCommands = [
  {
    group: ['**/store/queries/timeline.js'],
    importNames: ['insertTimelineEntry', 'insertTimelineEntries'],
    message:
      'append timeline lines with appendTimeline from commands/timeline.ts (it queues the webhook events)',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'bin/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: tests,
    rules: forbid([], ''),
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: tests,
    rules: forbid(
      ['**/server/**', '**/web/**', '**/cli/**', 'kysely', 'fastify', 'pg', 'better-sqlite3', 'node:*'],
      'core is pure: it imports nothing of ours and does no I/O',
    ),
  },
  {
    files: ['src/server/store/**/*.ts'],
    ignores: tests,
    rules: forbid(
      [...serverFolders.filter((folder) => folder !== '**/store/**'), ...outside],
      'store depends only on core',
    ),
  },
  {
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/store/dialects/**', ...tests],
    rules: dialectName,
  },
  {
    files: ['src/server/commands/**/*.ts'],
    ignores: tests,
    rules: {
      ...forbid(
        ['**/http/**', '**/engine/**', '**/ingest/**', '**/notify/**', ...outside, ...sqlDrivers],
        'commands use store and core; SQL stays in store',
        timelineThroughCommands,
      ),
      ...rowsThroughMappers,
    },
  },
  {
    files: ['src/server/commands/timeline.ts'],
    rules: forbid(
      ['**/http/**', '**/engine/**', '**/ingest/**', '**/notify/**', ...outside, ...sqlDrivers],
      'commands use store and core; SQL stays in store',
    ),
  },
  {
    files: ['src/server/http/**/*.ts'],
    ignores: tests,
    rules: forbid(
      ['**/store/**', '**/engine/**', '**/ingest/**', '**/notify/**', ...outside, ...sqlDrivers],
      'http (/api/v1 and the UI) goes through commands: never store (SQL), engine (jobs) or notify; the inbound wing is mounted by server-app.ts',
    ),
  },
  {
    files: ['src/server/engine/**/*.ts'],
    ignores: tests,
    rules: forbid(
      ['**/store/**', '**/http/**', '**/ingest/**', ...outside, ...sqlDrivers],
      'engine (durable jobs) goes through commands and sends through notify: never store (SQL), http or the inbound wing',
    ),
  },
  {
    // The inbound wing: the monitoring tools' URLs, their formats and the group-commit queue.
    files: ['src/server/ingest/**/*.ts'],
    ignores: tests,
    rules: forbid(
      ['**/store/**', '**/engine/**', '**/notify/**', ...outside, ...sqlDrivers],
      'the inbound wing goes through commands: never store (SQL), engine (durable jobs) or notify',
      [
        {
          group: ['**/http/**', '!**/http/zod-app.js'],
          message:
            'the inbound wing takes only the app type from http; it is mounted beside /api/v1, not part of it',
        },
      ],
    ),
  },
  {
    files: ['src/server/notify/**/*.ts'],
    ignores: tests,
    rules: forbid(
      [...serverFolders.filter((folder) => folder !== '**/notify/**'), ...outside, ...sqlDrivers],
      'notify holds the outbound channels: it takes core types and knows nothing of the server',
    ),
  },
  {
    // The process's own Prometheus metrics: a leaf every server folder may count into.
    files: ['src/server/observability/**/*.ts'],
    ignores: tests,
    rules: forbid(
      [...serverFolders, ...outside, ...sqlDrivers],
      'observability holds the metric definitions only: it imports prom-client and nothing of the server',
    ),
  },
  {
    // Readers of other on-call tools' APIs (beacon import): what they read goes to POST /api/v1/imports.
    files: ['src/server/import/**/*.ts'],
    ignores: tests,
    rules: forbid(
      [...serverFolders, ...outside, ...sqlDrivers],
      "the import readers turn another tool's API into core's import set-up: they know nothing of the server",
    ),
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    ignores: tests,
    rules: forbid(
      ['**/server/**', '**/cli/**', 'node:*'],
      'the web app takes core types and talks to the HTTP API only',
    ),
  },
  {
    files: ['src/cli/**/*.ts'],
    ignores: tests,
    rules: forbid(
      [
        '**/web/**',
        '**/store/queries/**',
        '**/http/**',
        '**/engine/**',
        '**/ingest/**',
        '**/notify/**',
        'kysely',
      ],
      'the CLI uses the HTTP API for incident work, and server commands, store and main for serve and admin work',
    ),
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
);
