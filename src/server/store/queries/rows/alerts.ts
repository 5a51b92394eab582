import type { AlertLink } from '../../../../core/alerts/alert-event.js';
import type { AlertEventsTable, AlertRow } from '../../schema.js';
import type { Selectable } from 'kysely';
import type { SuppressingRule } from '../../../../core/schemas/alerting.js';
import { type Decoded, flag, json, nullableJson, rowMapper } from './codec.js';

const alertCodecs = {
  labels: json<Record<string, string>>(),
  details: json<Record<string, unknown>>(),
  links: json<AlertLink[]>(),
  payload: json<unknown>(),
  /** Times of the alert's recent state changes (flap damping). */
  state_changes: json<number[]>(),
  is_suppressed: flag,
  is_flapping: flag,
  /** The triage rule that suppressed the alert. */
  suppressed_by_rule: nullableJson<SuppressingRule>(),
};

/** Alert rows: JSON labels, details, links, payload and flap history; 0/1 flags. */
export const alertRows = rowMapper(alertCodecs);

/** An alert as the store hands it out. */
export type AlertRecord = Decoded<AlertRow, typeof alertCodecs>;

const alertEventCodecs = {
  // Any JSON value, null included; an event without a payload (undefined) stores NULL.
  payload: {
    encode: (value: unknown): string | null => JSON.stringify(value),
    decode: (stored: string | null): unknown => (stored === null ? null : JSON.parse(stored)),
  },
};

/** Alert history rows: the JSON payload of the event, if any. */
export const alertEventRows = rowMapper(alertEventCodecs);

/** One line of an alert's history. */
export type AlertEventRecord = Decoded<Selectable<AlertEventsTable>, typeof alertEventCodecs>;
