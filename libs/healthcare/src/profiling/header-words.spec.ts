import { describe, expect, it } from 'vitest';
import { canonicalSchema } from '../schemas/canonical-schemas';
import { headerSimilarity } from './header-similarity';
import { headerWords, looksLikeData } from './header-words';

const concepts = (header: string) => [...headerWords(header).concepts].sort();

describe('headerWords', () => {
  it.each([
    ['ICD_DGNS_CD1', ['code', 'diagnosis', 'icd'], 1],
    ['BillingProviderNPI', ['billing', 'npi', 'provider'], null],
    ['PATIENTID', ['id', 'patient'], null],
    ['Leistungsdatum_von', ['date', 'service', 'start'], null],
    ['fecha_de_servicio_desde', ['date', 'service', 'start'], null],
    ['Numéro_Ligne', ['line', 'number'], null],
    ['HCPCS_2ND_MDFR_CD', ['code', 'hcpcs', 'modifier'], 2],
    ['Provider Second Line Business Practice Location Address', ['address', 'business', 'line', 'location', 'practice', 'provider'], 2],
    ['ICD9_DGNS_CD_3', ['code', 'diagnosis', 'icd9'], 3],
  ])('reads %j as concepts %j, repeat %j', (header, expected, ordinal) => {
    expect(concepts(header)).toEqual(expected);
    expect(headerWords(header).ordinal).toBe(ordinal);
  });

  it('leaves a glued word whole when most of it is unexplained', () => {
    expect(concepts('CURRENTILLNESSDATE')).toEqual(['currentillnessdate']);
  });
});

describe('headerSimilarity', () => {
  const professional = canonicalSchema('professional_claims');
  const best = (header: string, schema = professional, lineLevel = true) =>
    schema.columns
      .map((column) => ({ column: column.name, score: headerSimilarity(headerWords(header), column, lineLevel).score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 2);

  it.each([
    ['REND_PROV_NPI', 'rendering_npi'],
    ['monto_pagado', 'paid_amount'],
    ['CLM_THRU_DT', 'claim_end_date'],
    ['DIAGNOSIS1', 'diagnosis_code_1'],
    ['Diagnose_2', 'diagnosis_code_2'],
    ['MBR_NO', 'member_id'],
    ['importe_facturado', 'charge_amount'],
  ])('ranks %j closest to %s', (header, column) => {
    expect(best(header)[0]!.column).toBe(column);
  });

  it('matches a numbered column only to the same number; the first also to an unnumbered header, a little less', () => {
    const dx3 = professional.columns.find((column) => column.name === 'diagnosis_code_3')!;
    const dx1 = professional.columns.find((column) => column.name === 'diagnosis_code_1')!;
    expect(headerSimilarity(headerWords('DX_2'), dx3).score).toBe(0);
    expect(headerSimilarity(headerWords('DX'), dx3).score).toBe(0);
    expect(headerSimilarity(headerWords('DX_3'), dx3).score).toBe(1);
    expect(headerSimilarity(headerWords('DX'), dx1).score).toBeCloseTo(0.85, 5);
  });

  it("prefers a line's amount to the claim's total in a line-level table, and the first of repeated amounts", () => {
    const paid = professional.columns.find((column) => column.name === 'paid_amount')!;
    const line = headerSimilarity(headerWords('LINE_NCH_PMT_AMT'), paid, true).score;
    const claim = headerSimilarity(headerWords('CLM_PMT_AMT'), paid, true).score;
    expect(line).toBeGreaterThan(claim);
    expect(headerSimilarity(headerWords('CLM_PMT_AMT'), paid, false).score).toBeGreaterThan(claim);
    expect(headerSimilarity(headerWords('PD_AMT_1'), paid).score).toBeGreaterThan(headerSimilarity(headerWords('PD_AMT_2'), paid).score);
  });

  it('sets apart a field qualified as another one (other, referring, legacy)', () => {
    const providers = canonicalSchema('providers');
    const organization = providers.columns.find((column) => column.name === 'provider_organization_name')!;
    const legal = headerSimilarity(headerWords('Provider Organization Name (Legal Business Name)'), organization).score;
    expect(headerSimilarity(headerWords('Provider Other Organization Name'), organization).score).toBeLessThan(legal);
    const rendering = professional.columns.find((column) => column.name === 'rendering_npi')!;
    expect(headerSimilarity(headerWords('RFR_PHYSN_NPI'), rendering).score).toBeLessThan(headerSimilarity(headerWords('PRF_PHYSN_NPI'), rendering).score);
  });
});

describe('looksLikeData', () => {
  it.each(['1234567893', '00002143380', '150.00', '2025-03-01', '03/02/2025', ' 7 '])('takes %j for a value, not a header', (cell) => expect(looksLikeData(cell)).toBe(true));
  it.each(['DX1', 'RX7000', 'claim_id', 'Provider First Name', '2025-13-01x'])('takes %j for a header', (cell) => expect(looksLikeData(cell)).toBe(false));
});
