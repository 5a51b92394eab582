import type { ReportLinkReason, ReportMetadata } from '../../../../core/schemas/reports.js';
import type { ReportRow } from '../../schema.js';
import { type Decoded, json, nullableJson, rowMapper } from './codec.js';

const reportCodecs = {
  metadata: json<ReportMetadata>(),
  link_reason: nullableJson<ReportLinkReason>(),
};

/** Report rows: the JSON metadata and link reason. */
export const reportRows = rowMapper(reportCodecs);

/** A customer report as the store hands it out. */
export type ReportRecord = Decoded<ReportRow, typeof reportCodecs>;
