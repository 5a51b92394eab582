import { TriageRule } from '../../../../core/schemas/triage.js';
import type { TriageRuleSetRow, TriageRuleSetVersionRow } from '../../schema.js';
import { type Decoded, flag, rowMapper, schemaJson } from './codec.js';

// Rules are read through their schema, so rules stored before an action existed get its default.
const ruleSetCodecs = { rules: schemaJson(TriageRule.array()), is_enabled: flag };

/** Triage rule set rows (and their saved versions): the JSON rules and the enabled flag. */
export const triageRuleSetRows = rowMapper(ruleSetCodecs);

/** A rule set as the store hands it out. */
export type TriageRuleSetRecord = Decoded<TriageRuleSetRow, typeof ruleSetCodecs>;

/** One saved version of a rule set. */
export type TriageRuleSetVersionRecord = Decoded<TriageRuleSetVersionRow, typeof ruleSetCodecs>;
