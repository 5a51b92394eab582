import { PlanMatch, PlanTask } from '../../../../core/schemas/response.js';
import type { ResponsePlanRow } from '../../schema.js';
import { type Decoded, rowMapper, schemaJson } from './codec.js';

// Read through their schemas, so plans stored before a field existed get its default.
const planCodecs = { tasks: schemaJson(PlanTask.array()), match_rules: schemaJson(PlanMatch) };

/** Response plan rows: the JSON tasks and match rules. */
export const planRows = rowMapper(planCodecs);

/** A response plan as the store hands it out. */
export type ResponsePlanRecord = Decoded<ResponsePlanRow, typeof planCodecs>;
