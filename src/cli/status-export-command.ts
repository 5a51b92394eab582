import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { CliError, UsageError } from './cli-error.js';
import { withLocalContext } from './local-context.js';
import { globalsOf, writeJson, writeLine, writeNotice } from './output.js';
import { type ExportResult, StatusExporter } from './status-export.js';

interface ExportOptions {
  publicUrl?: string;
  watch?: boolean;
  after?: string;
  interval: string;
}

function describe(result: ExportResult, dir: string): string {
  const removed = result.removed.length > 0 ? `, removed ${String(result.removed.length)}` : '';
  return `${dir}: wrote ${String(result.written.length)} files (${String(result.unchanged)} unchanged${removed})`;
}

/** Look every `intervalMs` until SIGINT or SIGTERM; a failed look is reported and tried again. */
async function watch(exporter: StatusExporter, intervalMs: number, report: (r: ExportResult) => void) {
  const stop = new AbortController();
  const abort = () => stop.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  try {
    while (!stop.signal.aborted) {
      await sleep(intervalMs, undefined, { signal: stop.signal }).catch(() => undefined);
      if (stop.signal.aborted) break;
      try {
        const result = await exporter.look();
        if (result) report(result);
      } catch (error) {
        writeNotice(
          `${new Date().toISOString()} export: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  } finally {
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
  }
}

/** `beacon status export <dir>`: the status page as static files, once or kept current. */
export function registerStatusExport(status: Command): void {
  status
    .command('export')
    .description("write the status page as static files to <dir> (reads this machine's database)")
    .argument('<dir>', 'the folder to write (created if missing)')
    .option(
      '--public-url <url>',
      'where the copy is published, for the JSON and feed links (default: BEACON_BASE_URL/status)',
    )
    .option('--watch', 'keep running, writing again whenever the page changes')
    .option(
      '--after <command>',
      'a shell command run after each write that changed a file (BEACON_EXPORT_DIR is the folder)',
    )
    .option('--interval <seconds>', 'with --watch, how often the page is looked at', '1')
    .action(async (dir: string, o: ExportOptions, command: Command) => {
      const intervalMs = Number(o.interval) * 1000;
      if (!(intervalMs >= 100)) throw new UsageError('--interval is seconds, at least 0.1');
      if (o.publicUrl !== undefined && !/^https?:\/\/[^/]/.test(o.publicUrl))
        throw new UsageError('--public-url must be an absolute http(s) URL');
      const target = path.resolve(dir);
      const { json } = globalsOf(command);
      const report = (result: ExportResult) => {
        if (json) writeJson({ dir: target, ...result });
        else writeLine(`${o.watch ? `${new Date().toISOString()} ` : ''}${describe(result, target)}`);
      };
      const { loadConfig } = await import('../server/config.js');
      const { loadStatusSnapshot, statusPageVersion } =
        await import('../server/commands/status/load-snapshot.js');
      const { baseUrl } = loadConfig();
      await withLocalContext(async (ctx) => {
        const exporter = new StatusExporter(
          ctx,
          { load: (c) => loadStatusSnapshot(c, { baseUrl }), version: statusPageVersion },
          {
            dir: target,
            ...(o.publicUrl ? { url: o.publicUrl } : {}),
            ...(o.after ? { after: o.after } : {}),
          },
        );
        const first = await exporter.look();
        if (!first) throw new CliError('nothing was written');
        report(first);
        if (o.watch) await watch(exporter, intervalMs, report);
      });
    });
}
