import fs from 'node:fs';
import path from 'node:path';

/** The database directory and files are the owner's alone: they hold password and key hashes. */
const DIRECTORY_MODE = 0o700;
const FILE_MODE = 0o600;
const OTHERS = 0o077;

// Windows has no owner/group/other modes to set or check.
const hasModes = process.platform !== 'win32';

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(3, '0');

/**
 * Create `dir` for its owner only (its parents as usual). An existing directory is left as
 * it is, since it may hold more than Beacon's files; the warning says when others can enter it.
 */
export function ensurePrivateDirectory(dir: string): string | undefined {
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.mkdirSync(dir, { mode: DIRECTORY_MODE });
    if (hasModes) fs.chmodSync(dir, DIRECTORY_MODE);
    return undefined;
  }
  if (!hasModes) return undefined;
  const mode = fs.statSync(dir).mode;
  if ((mode & OTHERS) === 0) return undefined;
  return `the database directory ${dir} is open to other users (mode ${octal(mode)}); run chmod 700 ${dir}`;
}

/**
 * Create `file` empty and for its owner only, before SQLite opens it (SQLite takes an empty
 * file for a new database and gives its -wal and -shm files the database file's mode).
 */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', FILE_MODE));
}

/**
 * Take group and other access away from `file` if it exists; the warning says when it had
 * any (the mode of a database created by an older version, or changed by hand).
 */
export function makePrivate(file: string): string | undefined {
  if (!hasModes || !fs.existsSync(file)) return undefined;
  const mode = fs.statSync(file).mode;
  if ((mode & OTHERS) === 0) return undefined;
  fs.chmodSync(file, mode & 0o700);
  return `${file} was open to other users (mode ${octal(mode)}); its mode is now ${octal(mode & 0o700)}`;
}

/** Write-ready, owner-only `file`, emptied: the target of a backup. */
export function createEmptyPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'w', FILE_MODE));
  if (hasModes) fs.chmodSync(file, FILE_MODE);
}
