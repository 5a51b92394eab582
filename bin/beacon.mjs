#!/usr/bin/env node
// Runs the JavaScript build of the server and CLI (bin/build-location.mjs says where it is). In
// a checkout whose sources changed since the last build, scripts/build.mjs builds it first, in
// a process of its own: no compiler or bundler is ever loaded into this one.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, findBuild, isCheckout } from './build-location.mjs';

/** The build to run, building it first in a checkout whose sources changed; exits when none. */
function buildToRun() {
  const found = findBuild();
  if (found) return found;
  if (isCheckout(REPO_ROOT)) {
    const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build.mjs')], {
      stdio: ['ignore', process.stderr, process.stderr],
    });
    const built = build.status === 0 ? findBuild() : undefined;
    if (built) return built;
    process.stderr.write('beacon: could not build the sources (see above); fix them or run `npm ci`\n');
  } else {
    process.stderr.write(`beacon: this installation has no build in ${path.join(REPO_ROOT, 'dist/node')}\n`);
  }
  process.exit(1);
}

await import(pathToFileURL(path.join(buildToRun(), 'cli/main.js')).href);
