import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../bin/build-location.mjs';
import { startServerProcess } from '../support/server-process.js';

// What `npm pack` makes of Beacon, installed the way an operator installs it:
// `npm install -g --prefix <dir> beacon-<version>.tgz`, with no devDependencies, so no
// TypeScript loader, compiler or bundler is there to fall back on. The package is made from a
// copy of the checkout: packing rebuilds dist/web, which browser tests running at the same
// time serve from the checkout.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-pack-'));
const copy = path.join(work, 'checkout');
const prefix = path.join(work, 'prefix');
const installed = path.join(prefix, 'lib/node_modules/beacon');
const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
};
/** The installed package's own dependencies' folder. */
const installedModules = path.join(installed, 'node_modules');
/** Node running this test first on PATH: what `#!/usr/bin/env node` in the installed bin finds. */
const PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
let packed: string[] = [];

/** Run `command`, failing with what it printed when it does not exit 0. */
function mustRun(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH, NODE_ENV: 'production' },
  });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} exited ${String(result.status)}:\n${result.stdout}${result.stderr}`,
    );
  return result.stdout;
}

beforeAll(() => {
  for (const entry of ['package.json', 'README.md', 'tsconfig.json', 'bin', 'scripts', 'src', 'docs'])
    fs.cpSync(path.join(REPO_ROOT, entry), path.join(copy, entry), { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  const tarball = path.join(work, `beacon-${version}.tgz`);
  mustRun('npm', ['pack', '--pack-destination', work], copy);
  packed = mustRun('tar', ['tzf', tarball], work).trim().split('\n');
  mustRun(
    'npm',
    ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball],
    work,
  );
}, 900_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('holds the compiled server and CLI and the built web UI, not the sources or tests', () => {
    const current = packed.find((file) => file === 'package/dist/node/current');
    expect(current).toBeDefined();
    expect(packed).toContain('package/bin/beacon.mjs');
    expect(packed).toContain('package/dist/web/index.html');
    expect(
      packed.filter((file) => /^package\/dist\/node\/[0-9a-f]{16}\/cli\/main\.js$/.test(file)),
    ).toHaveLength(1);
    expect(packed.filter((file) => /^package\/(src|test|scripts|bench)\//.test(file))).toEqual([]);
    expect(packed.filter((file) => /\.test\.js$|\.ts$/.test(file))).toEqual([]);
  });

  it('installs without a TypeScript loader, compiler or bundler, with the SQLite driver built', () => {
    for (const tool of ['tsx', 'esbuild', 'vite', 'typescript', 'rolldown'])
      expect(fs.existsSync(path.join(installedModules, tool)), tool).toBe(false);
    expect(
      fs.existsSync(path.join(installedModules, 'better-sqlite3/build/Release/better_sqlite3.node')),
    ).toBe(true);
  });

  it('answers `beacon --help` from the installed command', () => {
    const help = mustRun(path.join(prefix, 'bin/beacon'), ['--help'], work);
    expect(help).toMatch(/^Usage: beacon \[options\] \[command\]/);
    expect(help).toContain('serve [options]');
  });

  it('serves the API and the web UI with `beacon serve`', async () => {
    const dataDir = path.join(work, 'data');
    const server = await startServerProcess(
      [path.join(prefix, 'bin/beacon'), 'serve'],
      { BEACON_DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
      work,
      60_000,
    );
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script type="module"[^>]* src="\/assets\/index-[\w-]+\.js"/);
      // The SQLite database is where the operator said, not in the package.
      expect(fs.existsSync(dataDir)).toBe(true);
      expect(fs.existsSync(path.join(installed, 'data'))).toBe(false);
    } finally {
      await server.stop();
    }
  });
});
