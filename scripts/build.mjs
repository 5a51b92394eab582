// Builds what `beacon` runs, in a process of its own so the server never loads a compiler:
//   node scripts/build.mjs            the server and CLI (dist/node/), when the sources changed
//                                     (`npm install` runs it; so does `beacon` after an edit)
//   node scripts/build.mjs --web      also the web UI (dist/web/, Vite)           (`npm run build`)
//   node scripts/build.mjs --package  both, with no other server build kept beside (`npm pack`)
// Messages go to stderr: `beacon` may run this before a command whose output is read.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../bin/build-location.mjs';
import { compileSources } from './compile-sources.mjs';

const { values } = parseArgs({ options: { web: { type: 'boolean' }, package: { type: 'boolean' } } });

/** Build the web UI with Vite into dist/web (in a child process, with the production settings). */
function buildWeb() {
  const vite = path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'src/web/vite.config.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (result.error) throw new Error(`could not run vite: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`the web build failed (exit ${String(result.status)})`);
}

try {
  const outDir = await compileSources(REPO_ROOT, values.package ? { keepOldBuilds: 0 } : {});
  process.stderr.write(`beacon: server and CLI built in ${path.relative(REPO_ROOT, outDir)}\n`);
  if (values.web || values.package) buildWeb();
} catch (error) {
  process.stderr.write(
    `beacon: the build failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
