import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { ValidationError } from '../../core/errors.js';

/** Shortest password accepted for a new or changed password. */
export const MIN_PASSWORD_LENGTH = 12;
/** Lowest zxcvbn score (0–4) accepted: 3 is "safely unguessable" against online attacks. */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;
function strengthOf(password: string, userInputs: string[]) {
  // Built on first use: loading the dictionaries takes a noticeable moment.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
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
