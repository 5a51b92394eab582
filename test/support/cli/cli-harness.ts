import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export { cleanEnv, freePort, type ServerProcess, startServerProcess, stopChild } from '../server-process.js';

/** The real `beacon` executable, run the way users run it. */
export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/beacon.mjs');

/** `env` with one server process (`BEACON_WORKERS=1`) unless it asks for more. */
function oneWorker(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { BEACON_WORKERS: '1', ...env };
}

/** What a finished CLI run printed and how it exited. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node bin/beacon.mjs …args` to completion, feeding `input` on stdin (never a TTY). */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: oneWorker(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Command-line words from a template: literal text splits on spaces, each `${value}` stays one word. */
export function argv(strings: TemplateStringsArray, ...values: string[]): string[] {
  return strings.flatMap((text, i) => {
    const words = text.split(/\s+/).filter((word) => word !== '');
    return i < values.length ? [...words, values[i] ?? ''] : words;
  });
}

/**
 * Run the `beacon` executable with its stdout closed by the reader before it writes, as when
 * `| head -1` has already read what it wanted; resolves to its exit code and stderr.
 */
export function runCliIntoClosedPipe(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<Omit<CliRun, 'stdout'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: oneWorker(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closing our end now makes every later write of the child fail with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
