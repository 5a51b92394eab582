import { z } from 'zod';
import { IMPORT_SOURCES, ImportResult, ImportSetup } from './import.js';

/** `POST /api/v1/imports/read`: read a source from the server with its key (never stored). */
export const ImportReadRequest = z.object({
  source: z.enum(IMPORT_SOURCES),
  /** The source's REST API; its default (`GET /api/v1/imports/sources`) when absent. */
  apiUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
    .max(2000)
    .optional(),
  token: z.string().trim().min(1, 'is required').max(1000),
});
export type ImportReadRequest = z.infer<typeof ImportReadRequest>;

/** What the server read, and the dry run of it (apply it by posting `setup` to `/api/v1/imports`). */
export const ImportReadResult = z.object({
  setup: ImportSetup,
  result: ImportResult,
  /** What the source has that Beacon leaves behind, and why. */
  notes: z.array(z.string()),
});
export type ImportReadResult = z.infer<typeof ImportReadResult>;

/** One source the server can read. */
export const ImportSourceInfo = z.object({
  source: z.enum(IMPORT_SOURCES),
  label: z.string(),
  defaultApiUrl: z.string(),
  tokenLabel: z.string(),
});
export type ImportSourceInfo = z.infer<typeof ImportSourceInfo>;

export const ImportSourceList = z.object({ items: z.array(ImportSourceInfo) });
export type ImportSourceList = z.infer<typeof ImportSourceList>;
