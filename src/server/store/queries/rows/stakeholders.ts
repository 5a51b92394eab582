import type { UpdateRecipient } from '../../../../core/schemas/stakeholders.js';
import type { IncidentUpdateRow } from '../../schema.js';
import { type Decoded, json, rowMapper } from './codec.js';

const updateCodecs = { recipients: json<UpdateRecipient[]>() };

/** Incident update rows: the JSON list of recipients. */
export const updateRows = rowMapper(updateCodecs);

/** A posted incident update as the store hands it out. */
export type IncidentUpdateRecord = Decoded<IncidentUpdateRow, typeof updateCodecs>;
