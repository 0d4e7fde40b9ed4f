import { describe, expect, it } from 'vitest';
import { resolveGenerationSettings, type ProfessionalClaimsOptions } from './generation-options';
import { SyntheticOptionsError } from './synthetic-options-error';

const base: ProfessionalClaimsOptions = { seed: 1, rows: 10, asOf: '2026-08-15' };

describe('resolveGenerationSettings', () => {
  it('applies the documented defaults', () => {
    const settings = resolveGenerationSettings(base);
    expect(settings).toMatchObject({ defectRate: 0.05, defectRowLimit: 100_000, asOf: '2026-08-15' });
    expect(settings.states).toHaveLength(56);
    expect(settings.defectKinds).toHaveLength(6);
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
  ])('rejects %s', (_label, override) => {
    expect(() => resolveGenerationSettings({ ...base, ...override })).toThrow(SyntheticOptionsError);
  });
});
