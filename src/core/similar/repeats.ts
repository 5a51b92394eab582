/** An earlier incident counts as repeated when it started at most this many days before. */
export const REPEAT_WINDOW_DAYS = 90;

/**
 * The score from which a similar earlier incident counts as repeated without anyone marking
 * it: chosen on the labelled set so that most true repeats pass and few different problems do
 * (docs/similar-incidents.md).
 */
export const AUTO_REPEAT_SCORE = 0.5;

/** repeats / incidents, rounded to three places (0 without incidents). */
export function repeatRate(repeats: number, incidents: number): number {
  return incidents === 0 ? 0 : Math.round((repeats / incidents) * 1000) / 1000;
}
