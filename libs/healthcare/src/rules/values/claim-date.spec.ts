import { describe, expect, it } from 'vitest';
import { epochDayOf, isoDateLiteralSql, parseClaimDate, requireIsoDate } from './claim-date';

/** Days since 1970-01-01 by the platform's calendar (setUTCFullYear does not remap years 0-99). */
function platformEpochDay(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() / 86_400_000;
}

function isoDatesOfYear(year: number): string[] {
  const dates: string[] = [];
  for (let month = 1; month <= 12; month += 1) {
    for (let day = 1; day <= 31; day += 1) {
      const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (parseClaimDate(iso) === iso) dates.push(iso);
    }
  }
  return dates;
}

describe('parseClaimDate', () => {
  it.each([
    ['2024-02-29', '2024-02-29'],
    ['20240229', '2024-02-29'],
    ['02/29/2024', '2024-02-29'],
    ['29-FEB-2024', '2024-02-29'],
    ['03-dec-2019', '2019-12-03'],
    ['15-Oct-2015', '2015-10-15'],
    ['2019-02-17T05:07:38Z', '2019-02-17'],
    ['2019-02-17T23:59:59.123+05:30', '2019-02-17'],
    ['2019-02-17T00:00:00-08:00', '2019-02-17'],
    ['2019-02-17T00:00:00', '2019-02-17'],
    ['0000-01-01', '0000-01-01'],
    ['9999-12-31', '9999-12-31'],
  ])('reads %j as %j', (text, iso) => {
    expect(parseClaimDate(text)).toBe(iso);
  });

  it.each(['2023-02-29', '20230229', '02/29/2023', '2025-13-01', '2025-00-10', '2025-04-31', '2025-2-3', ' 2025-02-03', '2025/02/03', '29/02/2024', '29-FEB-2023', '31-APR-2024', '01-JUNE-2024', '1-JAN-2024', '01-XYZ-2024', '01-JAN-24',
    '2019-02-17T24:00:00Z', '2019-02-17T05:07:38+0530', '2019-02-17 05:07:38', '2019-02-30T00:00:00Z', '2019-02-17T05:07Z', '', null, undefined])(
    'refuses %j',
    (text) => {
      expect(parseClaimDate(text)).toBeNull();
    },
  );
});

describe('requireIsoDate', () => {
  it('returns an ISO date unchanged and renders it as a DATE literal', () => {
    expect(requireIsoDate('2026-03-15')).toBe('2026-03-15');
    expect(isoDateLiteralSql('2026-03-15')).toBe("DATE '2026-03-15'");
  });

  it.each(['20260315', '03/15/2026', '2026-02-30', '2026-3-15', 'today'])('refuses %j, which is not a real YYYY-MM-DD date', (value) => {
    expect(() => requireIsoDate(value)).toThrow(new RangeError(`not a YYYY-MM-DD date: ${value}`));
    expect(() => isoDateLiteralSql(value)).toThrow(RangeError);
  });
});

describe('epochDayOf', () => {
  it.each([1600, 1899, 1900, 1969, 1970, 2000, 2023, 2024, 2100])('agrees with the platform calendar on every day of %i', (year) => {
    for (const iso of isoDatesOfYear(year)) expect(epochDayOf(iso), iso).toBe(platformEpochDay(iso));
  });

  it('counts years 0000-0099 as themselves, not as 19xx', () => {
    expect(epochDayOf('0000-03-01')).toBe(platformEpochDay('0000-03-01'));
    expect(epochDayOf('0099-12-31')).toBe(platformEpochDay('0099-12-31'));
    expect(epochDayOf('9999-12-31') - epochDayOf('0000-01-01')).toBe(3_652_424);
  });
});
