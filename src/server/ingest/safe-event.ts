import type { AlertEvent } from '../../core/alerts/alert-event.js';
import { httpLinksOnly, isHttpUrl } from '../../core/alerts/http-links.js';
import { ValidationError } from '../../core/errors.js';
import { cleanJson } from '../../core/text/clean-text.js';
import { MAX_JSON_DEPTH, isJsonDeeperThan } from '../../core/text/json-depth.js';

/** Longest dedup key taken (characters): its index entry must fit PostgreSQL's B-tree limit. */
export const MAX_DEDUP_KEY_LENGTH = 512;

/**
 * An event made fit to store, whatever source it came from: every string cleaned (control
 * characters stripped, lone surrogates replaced), links and the generator URL kept only when
 * they are http(s). An event no database could take whole (details or payload nested deeper
 * than MAX_JSON_DEPTH, an over-long dedup key) is refused with ValidationError, before it
 * can join a batch with other requests' events.
 */
export function safeAlertEvent(event: AlertEvent): AlertEvent {
  if (isJsonDeeperThan(event.details, MAX_JSON_DEPTH))
    throw new ValidationError('details', `nest deeper than ${MAX_JSON_DEPTH} levels`);
  if (isJsonDeeperThan(event.payload, MAX_JSON_DEPTH))
    throw new ValidationError('(body)', `nests deeper than ${MAX_JSON_DEPTH} levels`);
  const clean = cleanJson(event);
  if (Array.from(clean.dedupKey).length > MAX_DEDUP_KEY_LENGTH)
    throw new ValidationError('dedupKey', `is longer than ${MAX_DEDUP_KEY_LENGTH} characters`);
  return {
    ...clean,
    links: httpLinksOnly(clean.links),
    generatorUrl: clean.generatorUrl !== null && isHttpUrl(clean.generatorUrl) ? clean.generatorUrl : null,
  };
}
