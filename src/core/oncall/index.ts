/** The on-call schedule engine: pure functions of a schedule and instants in epoch ms. */
export type {
  Interval,
  Layer,
  OnCall,
  Override,
  Restriction,
  Rotation,
  Schedule,
  Shift,
  ShiftSource,
  Weekday,
} from './schedule-types.js';
export { WEEKDAYS } from './schedule-types.js';
export { coverageGaps, cutAtWindow, finalSchedule, nextHandoff, onCallAt } from './schedule.js';
export { layerShifts } from './layer-shifts.js';
export { validateSchedule } from './validate.js';
export { icalendar, shiftsToEvents, type CalendarEvent, type CalendarOptions } from './icalendar.js';
export { addLocalDays, instantToZoned, isValidTimeZone, zonedToInstant, type ZonedTime } from './zoned.js';
