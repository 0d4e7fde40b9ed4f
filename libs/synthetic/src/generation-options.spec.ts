import { describe, expect, it } from 'vitest';
import { DEFAULT_DEFECT_KINDS, DEFECT_KINDS } from './defects/defect-kinds';
import { resolveGenerationSettings, type ProfessionalClaimsOptions } from './generation-options';
import { SyntheticOptionsError } from './synthetic-options-error';

const base: ProfessionalClaimsOptions = { seed: 1, rows: 10, asOf: '2026-08-15' };

describe('resolveGenerationSettings', () => {
  it('applies the documented defaults', () => {
    const settings = resolveGenerationSettings(base);
    expect(settings).toMatchObject({ defectRate: 0.05, defectRowLimit: 100_000, asOf: '2026-08-15' });
    expect(settings.states).toHaveLength(56);
    expect(settings.defectKinds).toEqual(DEFAULT_DEFECT_KINDS);
    expect(settings.repairableRate).toBe(0);
    expect(settings.lateFilingDays).toBe(365);
  });

  it('keeps listed kinds in canonical order, opt-in kinds after the defaults', () => {
    const settings = resolveGenerationSettings({ ...base, defectKinds: ['late_filing', 'npi_check_digit', 'unknown_provider'] });
    expect(settings.defectKinds).toEqual(['npi_check_digit', 'unknown_provider', 'late_filing']);
    expect(DEFECT_KINDS.slice(0, DEFAULT_DEFECT_KINDS.length)).toEqual(DEFAULT_DEFECT_KINDS);
  });

  it('needs room in the calendar only for kinds that are planted', () => {
    const short = { ...base, serviceFrom: '2026-01-01', asOf: '2026-08-15' };
    expect(() => resolveGenerationSettings({ ...short, defectKinds: ['late_filing'] })).toThrow(/late_filing needs serviceFrom more than 365 days before asOf/);
    expect(() => resolveGenerationSettings({ ...short, defectKinds: ['late_filing'], defectRate: 0 })).not.toThrow();
    expect(() => resolveGenerationSettings(short)).not.toThrow();
    const oneDay = { ...base, serviceFrom: '2026-08-14', serviceTo: '2026-12-31', defectKinds: ['service_dates_reversed'] as const };
    expect(() => resolveGenerationSettings(oneDay)).toThrow(/service_dates_reversed needs at least two service days/);
    expect(() => resolveGenerationSettings({ ...oneDay, serviceFrom: '2026-08-13' })).not.toThrow();
  });

  it('defaults asOf to today in UTC', () => {
    const { asOf: _unused, ...withoutAsOf } = base;
    expect(resolveGenerationSettings(withoutAsOf).asOf).toBe(new Date().toISOString().slice(0, 10));
  });

  it('clips serviceTo to the day before asOf', () => {
    const settings = resolveGenerationSettings({ ...base, asOf: '2025-06-01' });
    expect(settings.lastServiceDay).toBe(settings.asOfDay - 1);
  });

  it.each<[string, Partial<ProfessionalClaimsOptions>]>([
    ['a fractional seed', { seed: 1.5 }],
    ['negative rows', { rows: -1 }],
    ['fractional rows', { rows: 2.5 }],
    ['a rate above 1', { defectRate: 1.01 }],
    ['a NaN rate', { defectRate: Number.NaN }],
    ['an impossible asOf', { asOf: '2026-02-30' }],
    ['serviceTo before serviceFrom', { serviceFrom: '2026-01-01', serviceTo: '2025-01-01' }],
    ['asOf on serviceFrom', { asOf: '2025-01-01' }],
    ['an unknown state', { states: ['NY', 'XX'] }],
    ['no states', { states: [] }],
    ['an unknown defect kind', { defectKinds: ['nope' as never] }],
    ['a negative defectRowLimit', { defectRowLimit: -1 }],
    ['a repairableRate above 1', { repairableRate: 1.5 }],
    ['a negative repairableRate', { repairableRate: -0.1 }],
    ['a NaN repairableRate', { repairableRate: Number.NaN }],
  ])('rejects %s', (_label, override) => {
    expect(() => resolveGenerationSettings({ ...base, ...override })).toThrow(SyntheticOptionsError);
  });
});
