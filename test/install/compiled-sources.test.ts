import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, compileSources } from '../../bin/compiled-sources.mjs';

// compileSources on a small checkout of its own: what `beacon` runs instead of the TypeScript.
const roots: string[] = [];

function checkout(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-compile-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) write(root, file, text);
  return root;
}

function write(root: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** Run `file` of a build with node; what it printed. */
function run(file: string, ...args: string[]): string {
  const result = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout;
}

const SOURCES = {
  'src/cli/main.ts': [
    "import { greeting } from '../core/greeting.js';",
    "import type { Unused } from '../server/types.js';",
    'const unused: Unused | undefined = undefined;',
    'console.log(greeting(), unused, new URL("../../dist/web", import.meta.url).pathname);',
  ].join('\n'),
  'src/core/greeting.ts': "export function greeting(): string { return 'hello'; }\n",
  'src/server/types.ts': 'export interface Unused { a: number }\n',
  'src/core/greeting.test.ts': 'this is not compiled',
};

afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

describe('compileSources', () => {
  it('compiles each source file; paths from import.meta.url resolve from the source file', async () => {
    const root = checkout(SOURCES);
    const out = await compileSources(root);
    expect(path.dirname(out)).toBe(path.join(root, 'dist/node'));
    expect(fs.existsSync(path.join(out, 'core/greeting.test.js'))).toBe(false);
    expect(run(path.join(out, 'cli/main.js'))).toBe(`hello undefined ${path.join(root, 'dist/web')}\n`);
    // Nothing changed: the same build, not a new one.
    expect(await compileSources(root)).toBe(out);
  });

  it('builds anew when a source changes, and keeps only the two builds before it', async () => {
    const root = checkout(SOURCES);
    const builds = [await compileSources(root)];
    for (const word of ['hi', 'hey', 'howdy']) {
      write(root, 'src/core/greeting.ts', `export function greeting(): string { return '${word}'; }\n`);
      const out = await compileSources(root);
      expect(builds).not.toContain(out);
      expect(run(path.join(out, 'cli/main.js'))).toMatch(new RegExp(`^${word} `));
      builds.push(out);
    }
    expect(fs.readdirSync(path.join(root, 'dist/node')).sort()).toEqual(
      builds
        .slice(1)
        .map((b) => path.basename(b))
        .sort(),
    );
  });

  it('gives one build to processes that ask at the same time', async () => {
    const root = checkout(SOURCES);
    const outs = await Promise.all([compileSources(root), compileSources(root), compileSources(root)]);
    expect(new Set(outs).size).toBe(1);
    expect(fs.readdirSync(path.join(root, 'dist/node'))).toEqual([path.basename(outs[0] ?? '')]);
  });

  it('rejects sources that do not compile, leaving no build behind', async () => {
    const root = checkout({ ...SOURCES, 'src/core/greeting.ts': 'export function greeting( {' });
    await expect(compileSources(root)).rejects.toThrow(/greeting\.ts/);
    expect(fs.readdirSync(path.join(root, 'dist/node'))).toEqual([]);
  });

  it("is what bin/beacon.mjs runs: Beacon's own build answers --version", async () => {
    const out = await compileSources(REPO_ROOT);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(path.dirname(out)).toBe(path.join(REPO_ROOT, 'dist/node'));
    expect(run(path.join(out, 'cli/main.js'), '--version')).toBe(`${pkg.version}\n`);
  });
});
