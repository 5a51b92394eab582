import { ValidationError } from '../../../core/errors.js';
import { isValidTimeZone } from '../../../core/oncall/zoned.js';
import type { StatusPageSettings, StatusPageSettingsPatch } from '../../../core/schemas/status-page.js';
import {
  type StatusSettingsRecord,
  bumpStatusVersion,
  findStatusSettings,
  updateStatusSettings,
} from '../../store/queries/status-page.js';
import { auditChange } from '../audit-change.js';
import type { AppContext, Caller } from '../context.js';

/** Where the public page is served under Beacon's base URL. */
export function statusPageUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/$/, '')}/status`;
}

/** The settings as the API shows them. */
export function viewStatusSettings(row: StatusSettingsRecord, baseUrl: string): StatusPageSettings {
  return {
    name: row.name,
    logoUrl: row.logo_url,
    brandColor: row.brand_color,
    timeZone: row.time_zone,
    isPrivate: row.is_private,
    reporterNotify: row.reporter_notify === 'resolution' ? 'resolution' : 'every_update',
    url: statusPageUrl(baseUrl),
  };
}

/** The status page's settings. */
export async function getStatusSettings(ctx: AppContext, baseUrl: string): Promise<StatusPageSettings> {
  return viewStatusSettings(await findStatusSettings(ctx.store.db), baseUrl);
}

/** Change the settings (admin); 400 naming `timeZone` for a zone this runtime does not know. */
export async function updateStatusSettingsCommand(
  ctx: AppContext,
  caller: Caller,
  patch: StatusPageSettingsPatch,
  baseUrl: string,
): Promise<StatusPageSettings> {
  if (patch.timeZone !== undefined && !isValidTimeZone(patch.timeZone)) {
    throw new ValidationError('timeZone', `unknown IANA time zone "${patch.timeZone}"`);
  }
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    await updateStatusSettings(tx, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.logoUrl !== undefined ? { logo_url: patch.logoUrl } : {}),
      ...(patch.brandColor !== undefined ? { brand_color: patch.brandColor.toLowerCase() } : {}),
      ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
      ...(patch.isPrivate !== undefined ? { is_private: patch.isPrivate } : {}),
      ...(patch.reporterNotify !== undefined ? { reporter_notify: patch.reporterNotify } : {}),
    });
    await bumpStatusVersion(tx, now);
    await auditChange(tx, caller, now, 'status_page.update', null, { changes: patch });
  });
  return getStatusSettings(ctx, baseUrl);
}
