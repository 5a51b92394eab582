#!/usr/bin/env node
// Runs the JavaScript build of the sources (bin/compiled-sources.mjs: made by `npm ci`, and
// again here the first time after a source changes). When the sources do not compile, or the
// build cannot be written, or BEACON_FROM_SOURCE=1, it runs the TypeScript through tsx instead.
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, compileSources } from './compiled-sources.mjs';

/** The compiled CLI entry, or undefined to run the sources. */
async function compiledEntry() {
  if (process.env.BEACON_FROM_SOURCE === '1') return undefined;
  try {
    return pathToFileURL(path.join(await compileSources(), 'cli/main.js')).href;
  } catch {
    return undefined; // tsx reports what is wrong with the sources, or runs them unbuilt.
  }
}

const entry = await compiledEntry();
if (entry) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(REPO_ROOT, 'src/cli/main.ts')).href);
}
