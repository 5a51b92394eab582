// The JavaScript build of the server and CLI sources that `beacon` runs (see
// bin/build-location.mjs for where it goes). Each file of src/{cli,server,core} is transpiled on
// its own with esbuild, no bundling, so module paths mean what they mean in the sources. A build
// is written to a temporary folder and renamed into place, so processes building at the same
// time never see half of one. A build tool: `beacon` itself never loads this module.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { CURRENT_FILE, REPO_ROOT, keyOf, sourceFiles } from '../bin/build-location.mjs';

/** Builds kept besides the newest, for processes that started from them. */
const KEEP_OLD_BUILDS = 2;

/**
 * The statement that stands in for `import.meta.url` in a compiled file: the URL of the source
 * file, computed from where the compiled file is, so paths resolved from it (`../../dist/web`)
 * mean what they mean in the sources, in the checkout and in an installed package alike.
 * @param {string} target the compiled file
 * @param {string} source the source file
 */
function sourceUrlBanner(target, source) {
  const relative = path.relative(path.dirname(target), source).split(path.sep).join('/');
  return `const __beaconSourceUrl = new URL(${JSON.stringify(relative)}, import.meta.url).href;`;
}

/**
 * Transpile every file into `outDir`, mirroring `src/`.
 * @param {string} root
 * @param {{ file: string }[]} files
 * @param {string} outDir
 * @param {string} finalDir where `outDir` is renamed to once complete
 */
async function transpile(root, files, outDir, finalDir) {
  const esbuild = await import('esbuild');
  // Every file settles before a failure is reported: the caller removes `outDir` on failure,
  // and files still being written into it would make that removal fail (ENOTEMPTY).
  const results = await Promise.allSettled(
    files.map(async ({ file }) => {
      const source = path.join(root, 'src', file);
      const text = await fs.promises.readFile(source, 'utf8');
      const output = file.replace(/\.ts$/, '.js');
      const usesOwnUrl = text.includes('import.meta.url');
      const result = await esbuild.transform(text, {
        loader: 'ts',
        format: 'esm',
        target: 'node20.19',
        sourcefile: source,
        ...(usesOwnUrl
          ? {
              define: { 'import.meta.url': '__beaconSourceUrl' },
              banner: sourceUrlBanner(path.join(finalDir, output), source),
            }
          : {}),
        tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } },
      });
      const target = path.join(outDir, output);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.writeFile(target, result.code);
    }),
  );
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Remove unfinished builds left by a process that stopped more than an hour ago, and all but the
 * newest `keep` builds other than `current`.
 * @param {string} buildsDir
 * @param {string} current
 * @param {number} keep
 */
function pruneOldBuilds(buildsDir, current, keep) {
  const entries = fs
    .readdirSync(buildsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== current)
    .map(({ name }) => ({ name, mtimeMs: fs.statSync(path.join(buildsDir, name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  const unfinished = entries.filter((e) => e.name.startsWith('.') && e.mtimeMs < Date.now() - 3_600_000);
  const old = entries.filter((e) => !e.name.startsWith('.')).slice(keep);
  for (const { name } of [...unfinished, ...old])
    fs.rmSync(path.join(buildsDir, name), { recursive: true, force: true });
}

/** Name `key` as the newest build, replacing the name file at once (never half-written). */
function markCurrent(buildsDir, key) {
  const temp = path.join(buildsDir, `.${CURRENT_FILE}-${process.pid}`);
  fs.writeFileSync(temp, `${key}\n`);
  fs.renameSync(temp, path.join(buildsDir, CURRENT_FILE));
}

/**
 * The folder holding the build of the sources under `root` as they are now, building it first
 * if needed. Rejects when the sources do not compile (or the folder cannot be written).
 * `keepOldBuilds` (default 2) older builds stay for processes that started from them.
 * @param {string} [root]
 * @param {{ keepOldBuilds?: number }} [options]
 * @returns {Promise<string>}
 */
export async function compileSources(root = REPO_ROOT, { keepOldBuilds = KEEP_OLD_BUILDS } = {}) {
  const files = sourceFiles(root);
  const buildsDir = path.join(root, 'dist', 'node');
  const key = keyOf(files);
  const outDir = path.join(buildsDir, key);
  fs.mkdirSync(buildsDir, { recursive: true });
  if (!fs.existsSync(outDir)) {
    const temp = fs.mkdtempSync(path.join(buildsDir, '.building-'));
    try {
      await transpile(root, files, temp, outDir);
      fs.renameSync(temp, outDir);
    } catch (error) {
      fs.rmSync(temp, { recursive: true, force: true });
      // Another process finished the same build first: use it.
      if (!fs.existsSync(outDir)) throw error;
    }
  }
  markCurrent(buildsDir, key);
  pruneOldBuilds(buildsDir, key, keepOldBuilds);
  return outDir;
}
