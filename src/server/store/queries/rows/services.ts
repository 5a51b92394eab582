import type { AlertRules } from '../../../../core/alerts/grouping.js';
import type { ServiceRow } from '../../schema.js';
import { type Decoded, nullableJson, rowMapper } from './codec.js';

/** Null: the default alert rules; otherwise the ones set, defaults filling in the rest. */
const serviceCodecs = { alert_rules: nullableJson<Partial<AlertRules>>() };

/** Service rows: the JSON alert rules, if set. */
export const serviceRows = rowMapper(serviceCodecs);

/** A service as the store hands it out. */
export type ServiceRecord = Decoded<ServiceRow, typeof serviceCodecs>;
