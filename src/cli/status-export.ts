import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { StatusPageSnapshot } from '../core/status/snapshot.js';
import { statusCss } from '../core/status/status-html-layout.js';
import {
  type StaticFile,
  atPageUrl,
  exportHeadersFile,
  staticStatusSite,
} from '../core/status/static-site.js';
import type { AppContext } from '../server/commands/context.js';
import { statusPageCsp } from '../server/commands/status/page-csp.js';
import { CliError } from './cli-error.js';

/** The list of files the last export wrote, so the next one removes those gone from the page. */
export const MANIFEST = '.beacon-status-export';

/** What one write did to the folder. */
export interface ExportResult {
  written: string[];
  removed: string[];
  unchanged: number;
}

/** The files of a snapshot as published at `url` (default: the live page's URL). */
export function exportFiles(snapshot: StatusPageSnapshot, url?: string): StaticFile[] {
  const page = url ? atPageUrl(snapshot, url) : snapshot;
  const csp = statusPageCsp(statusCss(page.page.brandColor), page.page.logoUrl);
  // Subscribing needs Beacon: the copy's link goes to the live page's form.
  return [
    ...staticStatusSite(page, `${snapshot.page.url.replace(/\/+$/, '')}/subscribe`),
    exportHeadersFile(csp),
  ];
}

function readManifest(dir: string): string[] {
  try {
    return fs.readFileSync(path.join(dir, MANIFEST), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** Write beside the target and rename, so a host syncing the folder never reads half a file. */
function writeAtomically(file: string, body: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  fs.writeFileSync(partial, body);
  fs.renameSync(partial, file);
}

/**
 * Write the files into `dir`: only those whose bytes changed, and remove the files of the last
 * export that are no longer on the page (an incident past its 90 days). Other files are left alone.
 */
export function writeExport(dir: string, files: readonly StaticFile[]): ExportResult {
  const result: ExportResult = { written: [], removed: [], unchanged: 0 };
  for (const file of files) {
    const target = path.join(dir, file.path);
    const isSame = fs.existsSync(target) && fs.readFileSync(target, 'utf8') === file.body;
    if (isSame) result.unchanged += 1;
    else {
      writeAtomically(target, file.body);
      result.written.push(file.path);
    }
  }
  const current = new Set(files.map((f) => f.path));
  for (const old of readManifest(dir)) {
    if (current.has(old) || old.split('/').includes('..')) continue;
    fs.rmSync(path.join(dir, old), { force: true });
    result.removed.push(old);
  }
  writeAtomically(path.join(dir, MANIFEST), `${[...current].join('\n')}\n`);
  return result;
}

/** Run the `--after` command through the shell, with the folder in BEACON_EXPORT_DIR; rejects on failure. */
export function runAfterHook(command: string, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      shell: true,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, BEACON_EXPORT_DIR: dir },
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`--after command failed (${signal ?? `exit code ${String(code)}`}): ${command}`));
    });
  });
}

/** Where snapshots come from: the status page's loader and its version (one row). */
export interface ExportSource {
  load(ctx: AppContext): Promise<StatusPageSnapshot>;
  version(ctx: AppContext): Promise<number>;
}

export interface StatusExporterOptions {
  dir: string;
  url?: string;
  after?: string;
  /** Write again at least this often, for what changes with time alone (as the live page reloads). */
  maxAgeMs?: number;
}

/**
 * The export kept current: each look reads the page's version and writes the files again when
 * it moved or the last write is older than `maxAgeMs`, running `after` when a file changed.
 */
export class StatusExporter {
  private lastVersion: number | undefined;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private isHookPending = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly source: ExportSource,
    private readonly options: StatusExporterOptions,
  ) {}

  /**
   * One look; undefined when nothing needed writing. Throws when the page is private or the
   * `after` command fails (the next look runs it again).
   */
  async look(): Promise<ExportResult | undefined> {
    const version = await this.source.version(this.ctx);
    const now = this.ctx.clock.now();
    const isOld = now - this.loadedAt >= (this.options.maxAgeMs ?? 30_000);
    let result: ExportResult | undefined;
    if (version !== this.lastVersion || isOld) {
      const snapshot = await this.source.load(this.ctx);
      if (snapshot.isPrivate)
        throw new CliError(
          'the status page is private: exporting it would publish it (make it public first)',
        );
      result = writeExport(this.options.dir, exportFiles(snapshot, this.options.url));
      this.lastVersion = version;
      this.loadedAt = now;
      if (result.written.length > 0 || result.removed.length > 0) this.isHookPending = true;
    }
    if (this.isHookPending && this.options.after) await runAfterHook(this.options.after, this.options.dir);
    this.isHookPending = false;
    return result;
  }
}
