import type { Layer } from '../../../../core/oncall/index.js';
import type { ScheduleRow } from '../../schema.js';
import { type Decoded, json, rowMapper } from './codec.js';

const scheduleCodecs = { layers: json<Layer[]>() };

/** Schedule rows: the JSON rotation layers. */
export const scheduleRows = rowMapper(scheduleCodecs);

/** A schedule as the store hands it out. */
export type ScheduleRecord = Decoded<ScheduleRow, typeof scheduleCodecs>;
