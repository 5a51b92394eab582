import type { PagePayload } from '../../../../core/schemas/oncall.js';
import type { OutboxRow } from '../../schema.js';
import { type Decoded, json, rowMapper } from './codec.js';

const outboxCodecs = { payload: json<PagePayload>() };

/** Outbox rows: the JSON payload (the incidents a message tells about, or its notice). */
export const outboxRows = rowMapper(outboxCodecs);

/** A notification outbox message as the store hands it out. */
export type OutboxRecord = Decoded<OutboxRow, typeof outboxCodecs>;
