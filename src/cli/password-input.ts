import readline from 'node:readline';
import { Writable } from 'node:stream';
import { CliError, UsageError } from './cli-error.js';

/** Read all of stdin and drop one trailing newline (so `echo pw | …` works). */
export async function readPasswordFromStdin(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Ask once on the terminal without echoing what is typed; the prompt goes to stderr. */
function askHidden(prompt: string): Promise<string> {
  let isMuted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!isMuted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve, reject) => {
    rl.question(prompt, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    isMuted = true;
    rl.on('SIGINT', () => {
      rl.close();
      process.stderr.write('\n');
      reject(new CliError('cancelled', 130));
    });
  });
}

/** Prompt twice on a TTY and insist both match; refuses when stdin is not a terminal. */
export async function promptNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new UsageError('stdin is not a terminal: pass --password-stdin and pipe the password in');
  }
  const first = await askHidden('Password: ');
  const second = await askHidden('Repeat password: ');
  if (first !== second) throw new CliError('the passwords do not match');
  return first;
}
