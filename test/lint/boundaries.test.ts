import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, importGraph } from '../../scripts/check-cycles.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The repository's own eslint.config.js, without type information: the import rules need none,
// and one type-checked program for the whole project would make this test slow.
const eslint = new ESLint({ cwd: REPO, overrideConfig: [tseslint.configs.disableTypeChecked] });

/** The no-restricted-imports messages for a file at `file` (relative to the repository) importing `specifier`. */
async function restrictedImports(file: string, specifier: string, name = 'thing'): Promise<string[]> {
  const code = `import { ${name} } from '${specifier}';\nexport const used = ${name};\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

/** One arrow that points the wrong way: a file in `from` importing `specifier`. */
interface Forbidden {
  from: string;
  specifier: string;
  name?: string;
}

const forbidden: Forbidden[] = [
  { from: 'src/core/priority-extra.ts', specifier: '../server/store/store.js' },
  { from: 'src/core/priority-extra.ts', specifier: 'node:fs' },
  { from: 'src/server/store/queries/extra.ts', specifier: '../../commands/context.js' },
  { from: 'src/server/store/queries/extra.ts', specifier: '../../http/app.js' },
  { from: 'src/server/store/queries/extra.ts', specifier: '../../engine/worker.js' },
  { from: 'src/server/store/queries/extra.ts', specifier: '../../ingest/ingest-queue.js' },
  { from: 'src/server/store/queries/extra.ts', specifier: '../../notify/index.js' },
  { from: 'src/server/commands/extra.ts', specifier: '../http/app.js' },
  { from: 'src/server/commands/extra.ts', specifier: '../engine/worker.js' },
  { from: 'src/server/commands/extra.ts', specifier: '../ingest/ingest-queue.js' },
  { from: 'src/server/commands/extra.ts', specifier: '../notify/index.js' },
  { from: 'src/server/commands/extra.ts', specifier: 'kysely' },
  {
    from: 'src/server/commands/extra.ts',
    specifier: '../store/queries/timeline.js',
    name: 'insertTimelineEntry',
  },
  { from: 'src/server/http/routes/extra.ts', specifier: '../../store/queries/users.js' },
  { from: 'src/server/http/routes/extra.ts', specifier: '../../engine/change-feed.js' },
  { from: 'src/server/http/routes/extra.ts', specifier: '../../ingest/inbound-routes.js' },
  { from: 'src/server/http/routes/extra.ts', specifier: '../../notify/message.js' },
  { from: 'src/server/engine/extra.ts', specifier: '../store/store.js' },
  { from: 'src/server/engine/extra.ts', specifier: '../http/app.js' },
  { from: 'src/server/engine/extra.ts', specifier: '../ingest/ingest-queue.js' },
  { from: 'src/server/ingest/extra.ts', specifier: '../store/store.js' },
  { from: 'src/server/ingest/extra.ts', specifier: '../engine/worker.js' },
  { from: 'src/server/ingest/extra.ts', specifier: '../http/app.js' },
  { from: 'src/server/ingest/extra.ts', specifier: '../notify/index.js' },
  { from: 'src/server/notify/extra.ts', specifier: '../commands/context.js' },
  { from: 'src/server/notify/extra.ts', specifier: '../store/store.js' },
  { from: 'src/server/notify/extra.ts', specifier: '../engine/worker.js' },
  { from: 'src/web/api/extra.ts', specifier: '../../server/commands/context.js' },
  { from: 'src/web/api/extra.ts', specifier: '../../cli/output.js' },
  { from: 'src/cli/extra.ts', specifier: '../web/api/client.js' },
  { from: 'src/cli/extra.ts', specifier: '../server/store/queries/users.js' },
  { from: 'src/cli/extra.ts', specifier: '../server/http/app.js' },
  { from: 'src/server/main-extra.ts', specifier: '../../test/support/server/test-database.js' },
  { from: 'src/server/engine/extra.ts', specifier: '../../../test/support/server/api-harness.js' },
  { from: 'src/server/http/extra.ts', specifier: './routes/incidents.test.js' },
  { from: 'src/server/observability/extra.ts', specifier: '../commands/context.js' },
  { from: 'src/server/observability/extra.ts', specifier: '../store/store.js' },
];

const allowed: Forbidden[] = [
  { from: 'src/core/extra.ts', specifier: './errors.js' },
  { from: 'src/server/store/queries/extra.ts', specifier: '../../../core/errors.js' },
  { from: 'src/server/commands/extra.ts', specifier: '../store/queries/users.js' },
  { from: 'src/server/http/routes/extra.ts', specifier: '../../commands/users.js' },
  { from: 'src/server/engine/extra.ts', specifier: '../commands/context.js' },
  { from: 'src/server/engine/extra.ts', specifier: '../notify/index.js' },
  { from: 'src/server/ingest/extra.ts', specifier: '../http/zod-app.js' },
  { from: 'src/server/notify/extra.ts', specifier: '../../core/schemas/oncall.js' },
  { from: 'src/web/api/extra.ts', specifier: '../../core/schemas/incident.js' },
  { from: 'src/cli/extra.ts', specifier: '../server/commands/users.js' },
  { from: 'src/server/main-extra.ts', specifier: './engine/worker.js' },
  { from: 'src/server/engine/extra.ts', specifier: '../observability/process-metrics.js' },
  { from: 'src/server/ingest/extra.ts', specifier: '../observability/process-metrics.js' },
  { from: 'src/server/http/extra.ts', specifier: '../observability/process-metrics.js' },
  { from: 'src/server/observability/extra.ts', specifier: 'prom-client' },
  {
    from: 'src/server/http/routes/extra.test.ts',
    specifier: '../../../../test/support/server/api-harness.js',
  },
];

describe('the dependency direction is enforced by lint', () => {
  it.each(forbidden)('$from may not import $specifier', async ({ from, specifier, name }) => {
    const messages = await restrictedImports(from, specifier, name);
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
  });

  it.each(allowed)('$from may import $specifier', async ({ from, specifier }) => {
    expect(await restrictedImports(from, specifier)).toEqual([]);
  });
});

/** The messages for `code` linted as the file `file` (relative to the repository). */
async function lintMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('commands leave row encoding to the store row mappers', () => {
  const encoding = [
    'export const encoded = JSON.stringify({ labels: [] });\n',
    "export const decoded: unknown = JSON.parse('[]');\n",
    'export const decodeAll = (rows: string[]) => rows.map(JSON.parse);\n',
  ];

  it.each(encoding)('a command may not encode or decode JSON: %s', async (code) => {
    expect(await lintMessages('src/server/commands/alerts/extra.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-syntax: .*row mappers in store\/queries\/rows/),
    ]);
  });

  it.each(encoding)('the store and command tests may: %s', async (code) => {
    expect(await lintMessages('src/server/store/queries/rows/extra.ts', code)).toEqual([]);
    expect(await lintMessages('src/server/commands/alerts/extra.test.ts', code)).toEqual([]);
  });

  it('a command still may not ask which database it is on', async () => {
    const code =
      "declare const dialect: { name: string };\nexport const isPg = dialect.name === 'postgres';\n";
    expect(await lintMessages('src/server/commands/extra.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-syntax: only store\/dialects/),
    ]);
  });
});

describe('the cycle check', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'beacon-cycles-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function graphOf(name: string, files: Record<string, string>): ReturnType<typeof importGraph> {
    for (const [file, text] of Object.entries(files)) {
      const full = path.join(root, name, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
    return importGraph(path.join(root, name));
  }

  it('finds a cycle through a .tsx file and a type-only import', () => {
    const graph = graphOf('cyclic', {
      'a.ts': "import { b } from './sub/b.js';\nexport const a = b;\n",
      'sub/b.tsx': "import type { C } from '../c.js';\nexport const b: C = 1;\n",
      'c.ts': "import { a } from './a.js';\nexport type C = number;\nexport const c = a;\n",
      'd.ts': "import { a } from './a.js';\nexport const d = a;\n",
    });
    const cycles = findCycles(graph).map((cycle) => cycle.map((file) => path.relative(root, file)));
    expect(cycles).toEqual([['cyclic/a.ts', 'cyclic/sub/b.tsx', 'cyclic/c.ts', 'cyclic/a.ts']]);
  });

  it('passes a graph without cycles, lazy import() included', () => {
    const graph = graphOf('acyclic', {
      'a.ts': "import { b } from './b.js';\nexport const a = () => import('./c.js').then(() => b);\n",
      'b.ts': "export { c as b } from './c.js';\n",
      'c.ts': "export const c = 1;\nexport const later = () => import('./a.js');\n",
    });
    expect(findCycles(graph)).toEqual([]);
  });
});
