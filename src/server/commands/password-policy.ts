import { createRequire } from 'node:module';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { ValidationError } from '../../core/errors.js';
import { collectGarbage } from '../observability/collect-garbage.js';

/** Shortest password accepted for a new or changed password. */
export const MIN_PASSWORD_LENGTH = 12;
/** Lowest zxcvbn score (0–4) accepted: 3 is "safely unguessable" against online attacks. */
export const MIN_PASSWORD_SCORE = 3;
/** How long the strength dictionaries stay loaded after the last check (a burst of sign-ups shares one load). */
const KEEP_LOADED_MS = 10_000;

// The zxcvbn dictionaries are ~15 MiB of JavaScript heap (more while loading), needed only when a
// password is set. They are loaded through `require` so that, once released, nothing holds them:
// an ES module stays in the loader's cache for the life of the process. Each load has a `require`
// of its own, since a `require` keeps what it loaded in its module's `children`.
const PACKAGES = ['@zxcvbn-ts/core', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en'];

let estimator: ZxcvbnFactory | undefined;
let release: NodeJS.Timeout | undefined;

function loadEstimator(): ZxcvbnFactory {
  const load = createRequire(import.meta.url);
  const core = load(PACKAGES[0] as string) as typeof import('@zxcvbn-ts/core');
  const common = load(PACKAGES[1] as string) as typeof import('@zxcvbn-ts/language-common');
  const en = load(PACKAGES[2] as string) as typeof import('@zxcvbn-ts/language-en');
  return new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
}

/** Drop the estimator and the zxcvbn modules, so the collector can take the dictionaries back. */
function releaseEstimator(): void {
  estimator = undefined;
  release = undefined;
  const { cache } = createRequire(import.meta.url);
  // require.cache is a plain object keyed by file name: removing its entries is its documented use.
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
  for (const file of Object.keys(cache)) if (file.includes('@zxcvbn-ts')) delete cache[file];
  collectGarbage();
}

function strengthOf(password: string, userInputs: string[]) {
  estimator ??= loadEstimator();
  // A housekeeping timer, not behaviour: an unused estimator is freed; the next check loads it again.
  clearTimeout(release);
  release = setTimeout(releaseEstimator, KEEP_LOADED_MS).unref();
  return estimator.check(password, userInputs);
}

/**
 * Throw a ValidationError naming `field` unless `password` is at least 12 characters and not
 * common, breached or built from the user's own email or name. Only new passwords are checked:
 * an existing one keeps working to sign in.
 */
export function assertStrongPassword(field: string, password: string, userInputs: string[] = []): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const inputs = userInputs.flatMap((input) => [input, ...input.split(/[@.\s_-]+/)]).filter(Boolean);
  const result = strengthOf(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  throw new ValidationError(field, `is too easy to guess${why ? `: ${why}` : ''}`);
}
