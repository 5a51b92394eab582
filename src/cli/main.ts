import { exitQuietlyWhenOutputCloses } from './output.js';
import { buildProgram, reportError } from './program.js';

// A server whose output is gone stops like on any other failure; a command just stops.
const command = process.argv.slice(2).find((word) => !word.startsWith('-'));
if (command !== 'serve') exitQuietlyWhenOutputCloses();

try {
  await (await buildProgram()).parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}
