/**
 * The V8 flags a Beacon server process is started with when Beacon starts it (the workers the
 * cluster primary forks). `--max-semi-space-size=2` caps the young generation at 2 MiB per
 * semi-space instead of Node's 16: start-up grows it to the cap and V8 keeps it, so an idle
 * worker holds about 30 MiB less (see BENCHMARKS.md, "Idle server memory").
 */
export const SERVER_HEAP_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

/**
 * `execArgv` with the server's heap flags added, except those the operator set already (in
 * the command line or `NODE_OPTIONS`), which win.
 */
export function withServerHeapFlags(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].map(flagName);
  return [...execArgv, ...SERVER_HEAP_FLAGS.filter((flag) => !given.includes(flagName(flag)))];
}

/** `--max-semi-space-size` of `--max-semi-space-size=2`; V8 reads `_` and `-` alike. */
function flagName(arg: string): string {
  return (arg.split('=')[0] ?? '').replaceAll('_', '-');
}
