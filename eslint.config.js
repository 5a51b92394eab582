import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports each layer may not make: the dependency direction of docs/ARCHITECTURE.md. */
const forbid = (patterns, message, extra = []) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [...patterns.map((group) => ({ group: [group], message })), ...extra] },
  ],
});

/** Only the dialect folder asks which database it runs on. */
const dialectName = {
  'no-restricted-syntax': [
    'error',
    {
      selector:
        ":matches(BinaryExpression, SwitchStatement) > MemberExpression[property.name='name']:matches([object.name='dialect'], [object.property.name='dialect'])",
      message: 'only store/dialects knows which database it is on: add a StoreDialect member instead',
    },
  ],
};

/** Commands write the timeline through commands/timeline.ts, which also queues its webhook events. */
const timelineThroughCommands = [
  {
    group: ['**/store/queries/timeline.js'],
    importNames: ['insertTimelineEntry'],
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
    files: ['src/core/**/*.ts'],
    rules: forbid(
      ['**/server/**', '**/web/**', '**/cli/**', 'kysely', 'fastify', 'pg', 'better-sqlite3', 'node:*'],
      'core is pure: it imports nothing of ours and does no I/O',
    ),
  },
  {
    files: ['src/server/store/**/*.ts'],
    ignores: ['src/server/store/**/*.test.ts'],
    rules: forbid(
      ['**/commands/**', '**/http/**', '**/engine/**', '**/ingest/**', '**/web/**', '**/cli/**'],
      'store depends only on core',
    ),
  },
  {
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/store/dialects/**', 'src/server/**/*.test.ts'],
    rules: dialectName,
  },
  {
    files: ['src/server/commands/**/*.ts'],
    ignores: ['src/server/commands/**/*.test.ts'],
    rules: forbid(
      [
        '**/http/**',
        '**/engine/**',
        '**/ingest/**',
        '**/web/**',
        '**/cli/**',
        'kysely',
        'pg',
        'better-sqlite3',
      ],
      'commands use store and core; SQL stays in store',
      timelineThroughCommands,
    ),
  },
  {
    files: ['src/server/commands/timeline.ts'],
    rules: forbid(
      ['**/http/**', '**/engine/**', '**/web/**', '**/cli/**', 'kysely', 'pg', 'better-sqlite3'],
      'commands use store and core; SQL stays in store',
    ),
  },
  {
    files: ['src/server/http/**/*.ts', 'src/server/engine/**/*.ts'],
    ignores: ['src/server/**/*.test.ts'],
    rules: forbid(
      ['**/ingest/**', '**/web/**', '**/cli/**', 'kysely', 'pg', 'better-sqlite3'],
      'http and engine go through commands; SQL stays in store; the inbound wing is mounted by server-app.ts',
    ),
  },
  {
    // The inbound wing: the monitoring tools' URLs, their formats and the group-commit queue.
    files: ['src/server/ingest/**/*.ts'],
    ignores: ['src/server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/store/**',
                '**/engine/**',
                '**/web/**',
                '**/cli/**',
                'kysely',
                'pg',
                'better-sqlite3',
              ],
              message: 'the inbound wing goes through commands: never store (SQL) nor engine (durable jobs)',
            },
            {
              group: ['**/http/**', '!**/http/zod-app.js'],
              message:
                'the inbound wing takes only the app type from http; it is mounted beside /api/v1, not part of it',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    rules: forbid(['**/server/**', '**/cli/**', 'node:*'], 'the web app talks to the HTTP API only'),
  },
  {
    files: ['src/cli/**/*.ts'],
    ignores: ['src/cli/**/*.test.ts'],
    rules: forbid(
      ['**/web/**', '**/store/queries/**', 'kysely'],
      'the CLI uses the HTTP API, or server commands for admin work',
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
