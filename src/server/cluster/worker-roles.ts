/**
 * What the primary tells each worker it forks (an environment variable of the fork, not a
 * setting): the one `jobs` worker runs the durable jobs beside HTTP; `http` workers serve only.
 */
export type WorkerRole = 'jobs' | 'http';

/** The fork's environment variable that carries its role. */
export const ROLE_VARIABLE = 'BEACON_WORKER_ROLE';

/** The message a worker sends after it changed incidents, and the primary passes on. */
export const CHANGED_MESSAGE = 'beacon:incidents-changed';

/** The role in `env`; a process started without one (not by the primary) is `jobs`. */
export function roleOf(env: NodeJS.ProcessEnv): WorkerRole {
  return env[ROLE_VARIABLE] === 'http' ? 'http' : 'jobs';
}

/** The roles of `count` workers: the first runs the jobs. */
export function rolesOf(count: number): WorkerRole[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? 'jobs' : 'http'));
}
