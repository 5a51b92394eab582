/** Checks a schedule before any arithmetic, so a bad one fails loudly instead of rendering nonsense. */
import { ValidationError } from '../errors.js';
import { WEEKDAYS, type Layer, type Schedule } from './schedule-types.js';
import { isValidTimeZone, parseDate, parseTime } from './zoned.js';

/** Shortest custom shift we accept; anything shorter is a typo, not a rotation. */
const MIN_SHIFT_HOURS = 1 / 60;

/** Throws a ValidationError naming the first bad field of `schedule`. */
export function validateSchedule(schedule: Schedule): void {
  if (!isValidTimeZone(schedule.timeZone)) {
    throw new ValidationError('timeZone', `unknown IANA time zone "${schedule.timeZone}"`);
  }
  schedule.layers.forEach((layer, index) => {
    validateLayer(layer, `layers[${index}]`);
  });
  schedule.overrides.forEach((override, index) => {
    const field = `overrides[${index}]`;
    if (!Number.isFinite(override.start) || !Number.isFinite(override.end)) {
      throw new ValidationError(field, 'start and end must be instants in epoch milliseconds');
    }
    if (override.end <= override.start) throw new ValidationError(field, 'end must be after start');
  });
}

function validateLayer(layer: Layer, field: string): void {
  if (layer.participants.length === 0)
    throw new ValidationError(`${field}.participants`, 'must not be empty');
  parseTime(layer.handoffTime, `${field}.handoffTime`);
  const start = parseDate(layer.startDate, `${field}.startDate`);
  if (layer.endDate !== undefined && parseDate(layer.endDate, `${field}.endDate`) <= start) {
    throw new ValidationError(`${field}.endDate`, 'must be after startDate');
  }
  const { rotation } = layer;
  if (rotation.kind === 'custom') {
    const { shiftHours } = rotation;
    if (!Number.isFinite(shiftHours) || shiftHours < MIN_SHIFT_HOURS) {
      throw new ValidationError(
        `${field}.rotation.shiftHours`,
        'must be a positive number of hours (≥ 1 minute)',
      );
    }
  }
  (layer.restrictions ?? []).forEach((restriction, index) => {
    const at = `${field}.restrictions[${index}]`;
    if (restriction.days.length === 0) throw new ValidationError(`${at}.days`, 'must name at least one day');
    for (const day of restriction.days) {
      if (!WEEKDAYS.includes(day)) throw new ValidationError(`${at}.days`, `"${day}" is not mon…sun`);
    }
    parseTime(restriction.start, `${at}.start`);
    parseTime(restriction.end, `${at}.end`);
  });
}

/** Throws unless `from`/`to` are finite instants (an empty or reversed window is allowed and renders nothing). */
export function validateWindow(from: number, to: number): void {
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new ValidationError('window', 'from and to must be instants in epoch milliseconds');
  }
}
