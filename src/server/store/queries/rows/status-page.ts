import type { Selectable } from 'kysely';
import type { StatusPageComponentsTable, StatusPageSettingsTable } from '../../schema.js';
import { type Decoded, flag, rowMapper } from './codec.js';

const settingsCodecs = { is_private: flag };
const componentCodecs = { show_uptime: flag };

/** The status page's settings row: the 0/1 private flag. */
export const statusSettingsRows = rowMapper(settingsCodecs);

/** Status page component rows: the 0/1 uptime flag. */
export const statusComponentRows = rowMapper(componentCodecs);

/** The status page's settings as the store hands them out. */
export type StatusSettingsRecord = Decoded<Selectable<StatusPageSettingsTable>, typeof settingsCodecs>;

/** A status page component as the store hands it out. */
export type StatusComponentRecord = Decoded<Selectable<StatusPageComponentsTable>, typeof componentCodecs>;
