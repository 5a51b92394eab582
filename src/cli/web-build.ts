import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './cli-error.js';
import { writeNotice } from './output.js';

/** The checkout this CLI runs from. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newestChange(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Build the web UI with the local vite when `<repo>/dist/web` is missing or older than its sources. */
export function buildWebIfStale(): void {
  const index = path.join(REPO_ROOT, 'dist/web/index.html');
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newestChange(path.join(REPO_ROOT, 'src/web')),
    newestChange(path.join(REPO_ROOT, 'src/core')),
  );
  if (builtAt > sources) return;
  writeNotice(
    builtAt === 0
      ? 'beacon: the web UI is not built yet; building it (vite build)…'
      : 'beacon: the web UI sources changed since the last build; rebuilding (vite build)…',
  );
  const vite = path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'src/web/vite.config.ts'], {
    cwd: REPO_ROOT,
    // Always the production build users get, also when run from tests (vitest sets NODE_ENV=test).
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  if (result.error) throw new CliError(`could not run vite: ${result.error.message}`);
  if (result.status !== 0) throw new CliError(`the web build failed (exit ${String(result.status)})`);
}
