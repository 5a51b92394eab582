/** The shapes of an on-call schedule. Times of day are local to the schedule's zone; instants are epoch ms. */

/** A day of the week, lower-case three letters. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Every weekday, Monday first. */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** How often a layer hands off: every local day, every 7 local days, or every `shiftHours` real hours. */
export type Rotation = { kind: 'daily' } | { kind: 'weekly' } | { kind: 'custom'; shiftHours: number };

/**
 * A weekly interval in local time during which a layer may have someone on call. `days` are the days the
 * interval starts on; an `end` at or before `start` runs past midnight into the next day.
 */
export interface Restriction {
  days: Weekday[];
  /** 'HH:MM' local. */
  start: string;
  /** 'HH:MM' local. */
  end: string;
}

/** One rotation of participants. */
export interface Layer {
  /** User ids in rotation order; the first is on call from the first handoff. */
  participants: number[];
  rotation: Rotation;
  /** 'HH:MM' local time at which shifts change. */
  handoffTime: string;
  /** 'YYYY-MM-DD' local date of the first handoff. */
  startDate: string;
  /** 'YYYY-MM-DD' local date; the layer stops at `handoffTime` on this date (exclusive). */
  endDate?: string;
  /** When present and non-empty, the layer has nobody on call outside these intervals. */
  restrictions?: Restriction[];
}

/** A user on call for `[start, end)` regardless of layers. */
export interface Override {
  userId: number;
  start: number;
  end: number;
}

/** A rotation schedule in one IANA time zone. */
export interface Schedule {
  timeZone: string;
  /** Ordered: where several layers have someone on call, the higher index wins. */
  layers: Layer[];
  /** Win over every layer; where overrides overlap, the later one in the list wins. */
  overrides: Override[];
}

/** Where a shift comes from: a layer index or an override. */
export type ShiftSource = number | 'override';

/** One user on call for `[start, end)`. */
export interface Shift {
  userId: number;
  start: number;
  end: number;
  source: ShiftSource;
}

/** Who is on call at an instant; both null when nobody is. */
export interface OnCall {
  userId: number | null;
  layer: ShiftSource | null;
}

/** A half-open interval of instants `[start, end)`. */
export interface Interval {
  start: number;
  end: number;
}
