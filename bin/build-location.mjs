// Where the JavaScript build of the server and CLI sources is. In a checkout (src/ present) a
// build lives in dist/node/<key>/, where <key> is a hash of the sources' paths, sizes and
// modification times, so an edited source names a build that does not exist yet. An installed
// package has no sources: dist/node/current names the one build it ships. Nothing here
// compiles anything: scripts/build.mjs does, in a process of its own.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout or installed package `beacon` runs from. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The source folders compiled, relative to `src/`. */
export const SOURCE_DIRS = ['cli', 'server', 'core'];

/** Bumped when the way sources are compiled changes, so older builds are not reused. */
const RECIPE = '2';

/** The file naming the newest build (what an installed package runs). */
export const CURRENT_FILE = 'current';

/**
 * The production sources under `root`: relative paths (from `src/`) with their sizes and
 * modification times, sorted. Tests and declaration files are left out.
 * @param {string} root
 * @returns {{ file: string, size: number, mtimeMs: number }[]}
 */
export function sourceFiles(root) {
  const files = [];
  for (const dir of SOURCE_DIRS) {
    const base = path.join(root, 'src', dir);
    if (!fs.existsSync(base)) continue;
    for (const entry of fs.readdirSync(base, { withFileTypes: true, recursive: true })) {
      const name = entry.name;
      if (!entry.isFile() || !name.endsWith('.ts') || name.endsWith('.test.ts') || name.endsWith('.d.ts'))
        continue;
      const full = path.join(entry.parentPath, name);
      const stat = fs.statSync(full);
      files.push({
        file: path.relative(path.join(root, 'src'), full),
        size: stat.size,
        mtimeMs: stat.mtimeMs,
      });
    }
  }
  return files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * The build key of `files` (from `sourceFiles`).
 * @param {{ file: string, size: number, mtimeMs: number }[]} files
 */
export function keyOf(files) {
  const hash = createHash('sha256').update(`recipe ${RECIPE}\n`);
  for (const f of files) hash.update(`${f.file}\0${f.size}\0${f.mtimeMs}\n`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Whether `root` is a checkout (it has the CLI's sources) rather than an installed package.
 * @param {string} root
 */
export function isCheckout(root) {
  return fs.existsSync(path.join(root, 'src', 'cli', 'main.ts'));
}

/**
 * The folder of the build to run from `root`, or undefined when there is none: in a checkout,
 * the build of the sources as they are now; in an installed package, the one it ships.
 * @param {string} [root]
 * @returns {string | undefined}
 */
export function findBuild(root = REPO_ROOT) {
  const builds = path.join(root, 'dist', 'node');
  let key;
  if (isCheckout(root)) key = keyOf(sourceFiles(root));
  else {
    try {
      key = fs.readFileSync(path.join(builds, CURRENT_FILE), 'utf8').trim();
    } catch {
      return undefined;
    }
  }
  const dir = path.join(builds, key);
  return key && fs.existsSync(path.join(dir, 'cli', 'main.js')) ? dir : undefined;
}
