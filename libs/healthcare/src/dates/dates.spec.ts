import { describe, expect, it } from 'vitest';
import { fiscalYearOf, fiscalYearStart } from './fiscal-year';
import { epochDayToIsoDate, isIsoDate, isoDateToEpochDay, todayIsoDate } from './iso-date';

describe('fiscalYearOf', () => {
  it.each([
    ['2019-10-01', 2020],
    ['2019-09-30', 2019],
    ['2020-09-30', 2020],
    ['2025-01-01', 2025],
    ['2025-10-01', 2026],
    ['2026-06-30', 2026],
    ['2024-12-31', 2025],
  ])('%s is FY%i', (date, fiscalYear) => {
    expect(fiscalYearOf(date)).toBe(fiscalYear);
  });

  it('reads a Date in UTC', () => {
    expect(fiscalYearOf(new Date('2019-10-01T00:00:00Z'))).toBe(2020);
    expect(fiscalYearOf(new Date('2019-09-30T23:59:59Z'))).toBe(2019);
  });

  it.each(['2019-13-01', '2019-02-30', '19-10-01', '2019/10/01', '', '2019-10-01T00:00:00Z'])('rejects %j', (value) => {
    expect(() => fiscalYearOf(value)).toThrow(RangeError);
  });

  it('rejects an invalid Date', () => {
    expect(() => fiscalYearOf(new Date('nope'))).toThrow(RangeError);
  });

  it('gives the first day of a fiscal year', () => {
    expect(fiscalYearStart(2026)).toBe('2025-10-01');
    expect(fiscalYearOf(fiscalYearStart(2026))).toBe(2026);
  });
});

describe('ISO dates', () => {
  it('round-trips through epoch days', () => {
    expect(isoDateToEpochDay('1970-01-01')).toBe(0);
    expect(isoDateToEpochDay('2024-03-01')! - isoDateToEpochDay('2024-02-28')!).toBe(2);
    expect(epochDayToIsoDate(isoDateToEpochDay('2026-06-30')!)).toBe('2026-06-30');
  });

  it('rejects impossible dates', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-2-29')).toBe(false);
  });

  it('formats today in UTC', () => {
    expect(todayIsoDate(new Date('2026-01-01T23:30:00-05:00'))).toBe('2026-01-02');
  });
});

describe('date edges', () => {
  it('names what was wrong when a fiscal year cannot be read', () => {
    expect(() => fiscalYearOf('2019-02-30')).toThrowError('fiscalYearOf needs a real date as YYYY-MM-DD');
    expect(() => fiscalYearOf(new Date('nope'))).toThrowError('fiscalYearOf got an invalid Date');
  });

  it('writes the start of an early fiscal year with a four-digit year', () => {
    expect(fiscalYearStart(101)).toBe('0100-10-01');
    expect(fiscalYearStart(2026)).toBe('2025-10-01');
  });

  it.each(['x2025-01-01', ' 2025-01-01', '2025-01-01x', '2025-01-01\n2025-01-01'])('finds no date in %j', (value) => {
    expect(isIsoDate(value)).toBe(false);
    expect(isoDateToEpochDay(value)).toBeUndefined();
  });

  it.each(['0050-01-01', '0099-12-31', '2025-00-10', '2025-13-01', '2025-04-31', '2025-02-29', '2025-01-00', '2025-01-32'])(
    'rejects %s, which Date.UTC would move to another day',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
    },
  );

  it.each([
    ['0100-01-01', -683_003],
    ['1969-12-31', -1],
    ['2024-02-29', 19_782],
    ['9999-12-31', 2_932_896],
  ])('counts %s as epoch day %i', (value, epochDay) => {
    expect(isoDateToEpochDay(value)).toBe(epochDay);
    expect(epochDayToIsoDate(epochDay)).toBe(value);
  });
});
