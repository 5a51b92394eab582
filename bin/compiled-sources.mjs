// The JavaScript build of the server and CLI sources that `beacon` runs, so a command starts
// without compiling TypeScript first. Each file of src/{cli,server,core} is transpiled on its
// own with esbuild into dist/node/<key>/, where <key> is a hash of the sources' paths, sizes and
// modification times: an edited source gives a new key, so a build is never stale. A build is
// written to a temporary folder and renamed into place, so processes starting at the same time
// never see half of one. `node bin/compiled-sources.mjs` builds now (`npm ci` runs it).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The checkout `beacon` runs from. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The source folders compiled, relative to `src/`. */
const SOURCE_DIRS = ['cli', 'server', 'core'];

/** Bumped when the way sources are compiled changes, so older builds are not reused. */
const RECIPE = '1';

/** Builds kept besides the newest, for processes that started from them. */
const KEEP_OLD_BUILDS = 2;

/**
 * The production sources under `root`: relative paths (from `src/`) with their sizes and
 * modification times, sorted. Tests and declaration files are left out.
 * @param {string} root
 * @returns {{ file: string, size: number, mtimeMs: number }[]}
 */
function sourceFiles(root) {
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
 * The build key of the sources under `root`.
 * @param {{ file: string, size: number, mtimeMs: number }[]} files
 */
function keyOf(files) {
  const hash = createHash('sha256').update(`recipe ${RECIPE} ${process.version}\n`);
  for (const f of files) hash.update(`${f.file}\0${f.size}\0${f.mtimeMs}\n`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Transpile every file into `outDir`, mirroring `src/`. `import.meta.url` is set to the source
 * file's own URL, so paths resolved from it (`../../dist/web`) mean what they mean under tsx.
 * @param {string} root
 * @param {{ file: string }[]} files
 * @param {string} outDir
 */
async function transpile(root, files, outDir) {
  const esbuild = await import('esbuild');
  // Every file settles before a failure is reported: the caller removes `outDir` on failure,
  // and files still being written into it would make that removal fail (ENOTEMPTY).
  const results = await Promise.allSettled(
    files.map(async ({ file }) => {
      const source = path.join(root, 'src', file);
      const result = await esbuild.transform(await fs.promises.readFile(source, 'utf8'), {
        loader: 'ts',
        format: 'esm',
        target: 'node20.19',
        sourcefile: source,
        define: { 'import.meta.url': JSON.stringify(pathToFileURL(source).href) },
        tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } },
      });
      const target = path.join(outDir, file.replace(/\.ts$/, '.js'));
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.writeFile(target, result.code);
    }),
  );
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Remove all but the newest few builds other than `current`, and unfinished builds left by a
 * process that stopped more than an hour ago.
 * @param {string} buildsDir
 * @param {string} current
 */
function pruneOldBuilds(buildsDir, current) {
  const entries = fs
    .readdirSync(buildsDir)
    .filter((name) => name !== current)
    .map((name) => ({ name, mtimeMs: fs.statSync(path.join(buildsDir, name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  const unfinished = entries.filter((e) => e.name.startsWith('.') && e.mtimeMs < Date.now() - 3_600_000);
  const old = entries.filter((e) => !e.name.startsWith('.')).slice(KEEP_OLD_BUILDS);
  for (const { name } of [...unfinished, ...old])
    fs.rmSync(path.join(buildsDir, name), { recursive: true, force: true });
}

/**
 * The folder holding the build of the sources under `root` as they are now, building it first
 * if needed. Rejects when the sources do not compile (or the folder cannot be written).
 * @param {string} [root]
 * @returns {Promise<string>}
 */
export async function compileSources(root = REPO_ROOT) {
  const files = sourceFiles(root);
  const buildsDir = path.join(root, 'dist', 'node');
  const outDir = path.join(buildsDir, keyOf(files));
  if (fs.existsSync(outDir)) return outDir;
  fs.mkdirSync(buildsDir, { recursive: true });
  const temp = fs.mkdtempSync(path.join(buildsDir, '.building-'));
  try {
    await transpile(root, files, temp);
    fs.renameSync(temp, outDir);
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    // Another process finished the same build first: use it.
    if (fs.existsSync(outDir)) return outDir;
    throw error;
  }
  pruneOldBuilds(buildsDir, path.basename(outDir));
  return outDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const outDir = await compileSources();
    process.stdout.write(`beacon: sources compiled to ${path.relative(REPO_ROOT, outDir)}\n`);
  } catch (error) {
    // An install must not fail for it: `beacon` then runs the sources through tsx, which says what is wrong.
    process.stderr.write(
      `beacon: the sources were not compiled (${String(error)}); beacon will run them through tsx\n`,
    );
  }
}
