import type { EscalationTarget } from '../../../../core/schemas/oncall.js';
import type { EscalationStepRow } from '../../schema.js';
import { type Decoded, json, rowMapper } from './codec.js';

const stepCodecs = { targets: json<EscalationTarget[]>() };

/** Escalation step rows: the JSON targets. */
export const stepRows = rowMapper(stepCodecs);

/** An escalation step as the store hands it out. */
export type EscalationStepRecord = Decoded<EscalationStepRow, typeof stepCodecs>;
