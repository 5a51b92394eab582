import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, PROBLEM_TYPE_BASE } from '../../core/problem-types.js';
import { useApiHarness } from '../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Every production source file under src/ (tests left out). */
function sourceFiles(dir = join(root, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The names in the problem-type table of docs/api.md. */
function documentedTypes(): Set<string> {
  const doc = readFileSync(join(root, 'docs/api.md'), 'utf8');
  return new Set([...doc.matchAll(/^\| `([a-z_]+)` +\| (?:\d{3}|other) /gm)].map((m) => m[1] ?? ''));
}

/** The members of the `ErrorCode` union in core/errors.ts. */
function errorCodes(): string[] {
  const text = readFileSync(join(root, 'src/core/errors.ts'), 'utf8');
  const union = /export type ErrorCode =([^;]+);/.exec(text)?.[1] ?? '';
  return [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1] ?? '');
}

describe('problem types', () => {
  it('documents in docs/api.md every problem type the code can answer with', () => {
    const used = new Map<string, string>();
    const note = (name: string, where: string) => used.set(name, used.get(name) ?? where);
    const dynamic: string[] = [];
    for (const file of sourceFiles()) {
      const text = readFileSync(file, 'utf8');
      const where = relative(root, file);
      for (const m of text.matchAll(/beacon\.dev\/problems\/([a-z_0-9]+)/g)) note(m[1] ?? '', where);
      for (const m of text.matchAll(/problemTypeUri\(\s*'([a-z_]+)'/g)) note(m[1] ?? '', where);
      if (/problems\/\$\{/.test(text) && !where.endsWith('core/problem-types.ts')) dynamic.push(where);
      if (/sendProblem\(/.test(text))
        for (const m of text.matchAll(/\bcode: '([a-z_]+)'/g)) note(m[1] ?? '', where);
    }
    for (const name of [...PROBLEM_TYPES, ...errorCodes()]) note(name, 'src/core');
    // A type built from anything but the list could be any string: only the list builds them.
    expect(dynamic, 'problem type URIs built outside core/problem-types.ts').toEqual([]);
    const documented = documentedTypes();
    const undocumented = [...used].filter(([name]) => !documented.has(name)).map((e) => e.join(' in '));
    expect(undocumented, 'problem types missing from docs/api.md').toEqual([]);
    expect([...documented].filter((name) => !(PROBLEM_TYPES as readonly string[]).includes(name))).toEqual(
      [],
    );
    expect(used.size).toBeGreaterThanOrEqual(PROBLEM_TYPES.length);
  });
});

describeEachDialect('problem types on the wire', (dialect) => {
  const api = useApiHarness(dialect);

  it('answers with documented names, and field messages people can read', async () => {
    const documented = documentedTypes();
    const replies = [
      await api().call('GET', '/api/v1/no-such-route'),
      await api().call('GET', '/api/v1/incidents', { as: null }),
      await api().call('POST', '/api/v1/incidents', { body: { title: '' } }),
      await api().call('POST', '/api/v1/session', { as: null, body: { email: 'a@example.com' } }),
    ];
    const problems = replies.map((reply) => reply.json<{ type: string; errors?: unknown[] }>());
    for (const problem of problems) {
      expect(problem.type.startsWith(PROBLEM_TYPE_BASE)).toBe(true);
      expect(documented).toContain(problem.type.slice(PROBLEM_TYPE_BASE.length));
    }
    expect(problems.map((p) => p.type.slice(PROBLEM_TYPE_BASE.length))).toEqual([
      'not_found',
      'unauthenticated',
      'validation',
      'validation',
    ]);
    expect(problems[2]?.errors).toEqual([{ field: 'title', message: 'Title is required' }]);
    expect(problems[3]?.errors).toEqual([{ field: 'password', message: 'Enter your password' }]);
  });
});
