import type { IncidentRow } from '../../schema.js';
import { type Decoded, json, rowMapper } from './codec.js';

const incidentCodecs = { tags: json<string[]>() };

/** Incident rows: the JSON list of tags. */
export const incidentRows = rowMapper(incidentCodecs);

/** An incident as the store hands it out. */
export type IncidentRecord = Decoded<IncidentRow, typeof incidentCodecs>;
