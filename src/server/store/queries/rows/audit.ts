import { nullableJson, rowMapper } from './codec.js';

/** Audit rows: the JSON details of the action, if any. */
export const auditRows = rowMapper({ data: nullableJson<Record<string, unknown>>() });
