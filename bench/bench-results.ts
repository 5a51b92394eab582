/** What every benchmark records with its figures: the machine, and where the raw runs go. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

/** The machine a run is measured on. */
export function machine() {
  const cpu =
    /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ??
    os.cpus()[0]?.model ??
    '?';
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpu,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    kernel: os.release(),
    date: new Date().toISOString(),
  };
}

/** Write a run's raw result to bench/results/<name>-<date>.json (not committed); returns the file. */
export function writeResult(name: string, result: { machine: { date: string } }): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}-${result.machine.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
