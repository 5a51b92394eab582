import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../../bin/build-location.mjs';

// The first `npm start` builds the web UI and shows what vite prints: it must hold no warning.
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-web-build-'));

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

it('builds the web UI without a bundler warning', () => {
  const vite = path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const build = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'src/web/vite.config.ts', '--outDir', outDir, '--emptyOutDir'],
    { cwd: REPO_ROOT, env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8' },
  );
  const printed = `${build.stdout}${build.stderr}`;
  expect(build.status, printed).toBe(0);
  expect(printed).toContain('built in');
  expect(printed.split('\n').filter((line) => /\(!\)|warn/i.test(line))).toEqual([]);
  expect(fs.existsSync(path.join(outDir, 'index.html'))).toBe(true);
});
