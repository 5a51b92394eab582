import type { Settings, SettingsPatch } from '../../core/schemas/access.js';
import { ValidationError } from '../../core/errors.js';
import { DEFAULT_REMINDER_MINUTES } from '../../core/schemas/stakeholders.js';
import { appendAudit } from '../store/queries/audit.js';
import { readSettings, writeSetting } from '../store/queries/settings.js';
import type { Executor } from '../store/store.js';
import type { AppContext, Caller } from './context.js';
import { assertStakeholderDefaults } from './response/stakeholder-defaults.js';

/** Settings a new workspace starts with. */
export const DEFAULT_SETTINGS: Settings = {
  categories: ['outage', 'degradation', 'security', 'product defect', 'data', 'performance'],
  reopenWindowHours: 168,
  updateReminderMinutes: { ...DEFAULT_REMINDER_MINUTES },
  stakeholderDefaults: [],
  requireTwoFactor: false,
  assignCommanderOnAcknowledge: true,
  reviewRequiredSeverities: ['SEV1', 'SEV2'],
  timeZone: 'UTC',
};

/** The workspace settings, defaults filled in. */
export async function getSettings(db: Executor): Promise<Settings> {
  const stored = await readSettings(db);
  return { ...DEFAULT_SETTINGS, ...(stored as Partial<Settings>) };
}

/** Change settings (admins); audited. */
export async function updateSettings(
  ctx: AppContext,
  caller: Caller,
  body: SettingsPatch,
): Promise<Settings> {
  return ctx.store.transaction(async (tx) => {
    const before = await getSettings(tx);
    const { updateReminderMinutes, ...rest } = body;
    // Severities left out of a reminder change keep their minutes.
    const patch: Partial<Settings> = updateReminderMinutes
      ? { ...rest, updateReminderMinutes: { ...before.updateReminderMinutes, ...updateReminderMinutes } }
      : rest;
    if (patch.stakeholderDefaults) await assertStakeholderDefaults(tx, patch.stakeholderDefaults);
    for (const [key, value] of Object.entries(patch)) await writeSetting(tx, key, value);
    await appendAudit(tx, {
      at: ctx.clock.now(),
      actorId: caller.userId,
      action: 'settings.update',
      targetType: 'settings',
      targetId: null,
      data: { before, after: { ...before, ...patch } },
    });
    return getSettings(tx);
  });
}

/** Throws unless `category` is one of the configured categories (null clears it). */
export async function assertCategory(db: Executor, category: string | null | undefined): Promise<void> {
  if (category === undefined || category === null) return;
  const { categories } = await getSettings(db);
  if (!categories.includes(category)) {
    throw new ValidationError('category', `must be one of: ${categories.join(', ')}`);
  }
}
