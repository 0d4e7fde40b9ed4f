import { describe, expect, it } from 'vitest';
import { coveringSpan, dateSpan, isoDate } from './x12-dates';

describe('X12 dates', () => {
  it('turns D8, RD8 and DT into ISO days', () => {
    expect(dateSpan('D8', '20240301')).toEqual({ start: '2024-03-01', end: '2024-03-01' });
    expect(dateSpan('RD8', '20240304-20240307')).toEqual({ start: '2024-03-04', end: '2024-03-07' });
    expect(dateSpan('DT', '202403010800')).toEqual({ start: '2024-03-01', end: '2024-03-01' });
    expect(dateSpan('D8', null)).toEqual({ start: null, end: null });
  });

  it('keeps a value that is not CCYYMMDD as written, for the date.format rule to report on its row', () => {
    expect(isoDate('2024031')).toBe('2024031');
    expect(dateSpan('RD8', '20240304')).toEqual({ start: '2024-03-04', end: null });
  });

  it('covers a set of spans from the earliest start to the latest end', () => {
    expect(coveringSpan([dateSpan('D8', '20240305'), dateSpan('RD8', '20240301-20240303'), dateSpan('D8', null)])).toEqual({ start: '2024-03-01', end: '2024-03-05' });
    expect(coveringSpan([])).toEqual({ start: null, end: null });
  });
});
