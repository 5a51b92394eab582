import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, findBuild } from '../../bin/build-location.mjs';
import { compileSources } from '../../scripts/compile-sources.mjs';

// compileSources on a small checkout of its own: the build `beacon` runs instead of the TypeScript.
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

/** Run `file` with node; what it printed (it must print nothing on stderr). */
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
    expect(findBuild(root)).toBe(out);
  });

  it('builds anew when a source changes, and keeps only the two builds before it', async () => {
    const root = checkout(SOURCES);
    const builds = [await compileSources(root)];
    for (const word of ['hi', 'hey', 'howdy']) {
      write(root, 'src/core/greeting.ts', `export function greeting(): string { return '${word}'; }\n`);
      expect(findBuild(root)).toBeUndefined(); // the edited sources have no build yet
      const out = await compileSources(root);
      expect(builds).not.toContain(out);
      expect(run(path.join(out, 'cli/main.js'))).toMatch(new RegExp(`^${word} `));
      builds.push(out);
    }
    const kept = fs.readdirSync(path.join(root, 'dist/node')).filter((name) => name !== 'current');
    expect(kept.sort()).toEqual(
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
    expect(fs.readdirSync(path.join(root, 'dist/node')).sort()).toEqual(
      [path.basename(outs[0] ?? ''), 'current'].sort(),
    );
  });

  it('rejects sources that do not compile, leaving no build behind', async () => {
    const root = checkout({ ...SOURCES, 'src/core/greeting.ts': 'export function greeting( {' });
    await expect(compileSources(root)).rejects.toThrow(/greeting\.ts/);
    expect(fs.readdirSync(path.join(root, 'dist/node'))).toEqual([]);
  });

  it('keeps no other build for a package; without its sources the named build runs, moved anywhere', async () => {
    const root = checkout(SOURCES);
    await compileSources(root);
    write(root, 'src/core/greeting.ts', "export function greeting(): string { return 'packed'; }\n");
    const out = await compileSources(root, { keepOldBuilds: 0 });
    expect(fs.readdirSync(path.join(root, 'dist/node')).sort()).toEqual(
      [path.basename(out), 'current'].sort(),
    );
    // What a package holds: the build and its name, no sources, in another folder.
    const installed = checkout({});
    fs.cpSync(path.join(root, 'dist'), path.join(installed, 'dist'), { recursive: true });
    const build = findBuild(installed);
    expect(build).toBe(path.join(installed, 'dist/node', path.basename(out)));
    expect(run(path.join(build ?? '', 'cli/main.js'))).toBe(
      `packed undefined ${path.join(installed, 'dist/web')}\n`,
    );
    fs.rmSync(path.join(installed, 'dist/node/current'));
    expect(findBuild(installed)).toBeUndefined();
  });
});

describe('bin/beacon.mjs', () => {
  /** A checkout of SOURCES with Beacon's bin/ and scripts/, and its node_modules for esbuild. */
  function checkoutWithBin(): string {
    const root = checkout(SOURCES);
    for (const dir of ['bin', 'scripts'])
      fs.cpSync(path.join(REPO_ROOT, dir), path.join(root, dir), { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'));
    return root;
  }

  it('builds edited sources in a process of its own before running them, telling so on stderr', () => {
    const root = checkoutWithBin();
    const first = spawnSync(process.execPath, [path.join(root, 'bin/beacon.mjs')], { encoding: 'utf8' });
    expect(first.stdout).toBe(`hello undefined ${path.join(root, 'dist/web')}\n`);
    expect(first.stderr).toMatch(/^beacon: server and CLI built in dist\/node\/[0-9a-f]{16}\n$/);
    expect(run(path.join(root, 'bin/beacon.mjs'))).toMatch(/^hello /); // built already: quiet
    write(root, 'src/core/greeting.ts', "export function greeting(): string { return 'edited'; }\n");
    const edited = spawnSync(process.execPath, [path.join(root, 'bin/beacon.mjs')], { encoding: 'utf8' });
    expect(edited.stdout).toMatch(/^edited /);
    expect(edited.stderr).toContain('beacon: server and CLI built in');
  });

  it('says what does not compile and exits 1', () => {
    const root = checkoutWithBin();
    write(root, 'src/core/greeting.ts', 'export function greeting( {');
    const result = spawnSync(process.execPath, [path.join(root, 'bin/beacon.mjs')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('greeting.ts');
    expect(result.stderr).toContain('beacon: could not build the sources');
  });

  it("runs Beacon's own build: --version", async () => {
    const out = await compileSources(REPO_ROOT);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(findBuild(REPO_ROOT)).toBe(out);
    expect(run(path.join(REPO_ROOT, 'bin/beacon.mjs'), '--version')).toBe(`${pkg.version}\n`);
  });
});
