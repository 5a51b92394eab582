import type { TimelineRow } from '../../schema.js';
import { type Decoded, nullableJson, rowMapper } from './codec.js';

/** What a timeline line changed: each field's value before and after. */
export type TimelineChanges = Record<string, { before: unknown; after: unknown }>;

const timelineCodecs = { changes: nullableJson<TimelineChanges>() };

/** Timeline rows: the JSON changes of the line, if any. */
export const timelineRows = rowMapper(timelineCodecs);

/** A timeline line as the store hands it out. */
export type TimelineRecord = Decoded<TimelineRow, typeof timelineCodecs>;
