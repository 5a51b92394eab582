const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `1 h 12 min`, `45 s`, `3 d 2 h`: a duration as a reader says it. */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < MINUTE) return `${String(Math.round(ms / 1000))} s`;
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${String(days)} d ${String(hours)} h` : `${String(days)} d`;
  if (hours > 0) return minutes > 0 ? `${String(hours)} h ${String(minutes)} min` : `${String(hours)} h`;
  return `${String(minutes)} min`;
}

/** The span from `from` to `to`, or null when either end is missing or it runs backwards. */
export function durationBetween(from: number | null, to: number | null): number | null {
  if (from === null || to === null || to < from) return null;
  return to - from;
}

/** Reads instants as wall-clock dates and times of one time zone. */
export class ZonedClockFace {
  private readonly parts: Intl.DateTimeFormat;
  private readonly zoneName: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    this.parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    this.zoneName = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' });
  }

  /** `2026-12-07` */
  date(ms: number): string {
    const p = this.pieces(ms);
    return `${p.year}-${p.month}-${p.day}`;
  }

  /** `14:05` */
  time(ms: number): string {
    const p = this.pieces(ms);
    return `${p.hour}:${p.minute}`;
  }

  /** `2026-12-07 14:05 CET` */
  dateTime(ms: number): string {
    return `${this.date(ms)} ${this.time(ms)} ${this.zone(ms)}`;
  }

  /** The zone's short name at `ms`: `CET`, `GMT+1`, `UTC`. */
  zone(ms: number): string {
    return (
      this.zoneName.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? this.timeZone
    );
  }

  private pieces(ms: number): Record<string, string> {
    const out: Record<string, string> = {};
    for (const part of this.parts.formatToParts(ms)) out[part.type] = part.value;
    return out;
  }
}
