import { describe, expect, it } from 'vitest';
import { dayOfDate, periodSpans } from './calendar.js';

const day = dayOfDate;

describe('periodSpans', () => {
  it('reads whole weeks from weeks and the ends by day', () => {
    // Wed 4 Feb 2026 – Tue 24 Feb 2026: weeks of 9 and 16 Feb whole.
    expect(periodSpans(day('2026-02-04'), day('2026-02-24'))).toEqual({
      weeks: [day('2026-02-09'), day('2026-02-16')],
      days: [
        [day('2026-02-04'), day('2026-02-08')],
        [day('2026-02-23'), day('2026-02-24')],
      ],
    });
  });

  it('needs no days when the period is whole weeks', () => {
    expect(periodSpans(day('2026-02-02'), day('2026-02-15'))).toEqual({
      weeks: [day('2026-02-02'), day('2026-02-09')],
      days: [],
    });
  });

  it('reads a period shorter than a week, or one across a week boundary, by day', () => {
    expect(periodSpans(day('2026-02-03'), day('2026-02-03'))).toEqual({
      weeks: null,
      days: [[day('2026-02-03'), day('2026-02-03')]],
    });
    expect(periodSpans(day('2026-02-05'), day('2026-02-12'))).toEqual({
      weeks: null,
      days: [[day('2026-02-05'), day('2026-02-12')]],
    });
  });
});
