import type { CheckRow } from '../../schema.js';
import { type Decoded, flag, json, rowMapper } from './codec.js';

/** The settings of a check, checked against its type's schema by the commands. */
const checkCodecs = { config: json<Record<string, unknown>>() };

/** Check rows: the JSON settings. */
export const checkRows = rowMapper(checkCodecs);

/** A check as the store hands it out. */
export type CheckRecord = Decoded<CheckRow, typeof checkCodecs>;

/** Check result rows: the 0/1 up flag. */
export const checkResultRows = rowMapper({ is_up: flag });
