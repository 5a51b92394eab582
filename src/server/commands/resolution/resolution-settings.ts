import { ValidationError } from '../../../core/errors.js';
import {
  DEFAULT_RESOLUTION_SETTINGS,
  ResolutionSettings,
  type ResolutionSettingsPatch,
} from '../../../core/schemas/resolution.js';
import { readSettings, writeSetting } from '../../store/queries/settings.js';
import type { Executor } from '../../store/store.js';
import { auditChange } from '../audit-change.js';
import type { AppContext, Caller } from '../context.js';

/** The settings row the resolution settings are stored in. */
const KEY = 'resolution';

/** The resolution and follow-up settings, defaults filled in (also for severities added later). */
export async function getResolutionSettings(db: Executor): Promise<ResolutionSettings> {
  const stored = (await readSettings(db))[KEY] as Partial<ResolutionSettings> | undefined;
  const merged = {
    ...DEFAULT_RESOLUTION_SETTINGS,
    ...stored,
    requirements: { ...DEFAULT_RESOLUTION_SETTINGS.requirements, ...stored?.requirements },
  };
  // A value stored by an older version that no longer parses falls back to the defaults.
  const parsed = ResolutionSettings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_RESOLUTION_SETTINGS;
}

/** Change the resolution settings (admins); audited with the values before and after. */
export async function updateResolutionSettings(
  ctx: AppContext,
  caller: Caller,
  patch: ResolutionSettingsPatch,
): Promise<ResolutionSettings> {
  return ctx.store.transaction(async (tx) => {
    const before = await getResolutionSettings(tx);
    const after: ResolutionSettings = {
      ...before,
      ...patch,
      requirements: { ...before.requirements },
    };
    for (const [severity, requirements] of Object.entries(patch.requirements ?? {})) {
      if (requirements) after.requirements[severity as keyof typeof after.requirements] = requirements;
    }
    for (const [severity, { resolve, close }] of Object.entries(after.requirements)) {
      // What resolving needs is needed to close too: closing never asks for less.
      const missing = resolve.filter((field) => !close.includes(field));
      if (missing.length > 0) {
        throw new ValidationError(
          `requirements.${severity}.close`,
          `must include what resolving requires (${missing.join(', ')})`,
        );
      }
    }
    await writeSetting(tx, KEY, after);
    await auditChange(tx, caller, ctx.clock.now(), 'settings.resolution_update', null, { before, after });
    return after;
  });
}
