import { describe, expect, it } from 'vitest';
import { canonicalSchema } from '../schemas/canonical-schemas';
import { headerSimilarity } from './header-similarity';
import { conceptWeight, headerWords, looksLikeData } from './header-words';

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

  it('leaves a glued word whole when most of it is unexplained, and splits it when half is', () => {
    expect(concepts('CURRENTILLNESSDATE')).toEqual(['currentillnessdate']);
    expect(concepts('QXZWDATE')).toEqual(['date', 'qxzw']);
  });

  it('splits a glued word into as few known words as explain it (discharge date, not dis-charge date)', () => {
    expect(concepts('DISCHARGEDATE')).toEqual(['date', 'discharge']);
    expect(concepts('claimid')).toEqual(['claim', 'id']);
  });

  it('reads repeat numbers of any length, and code-system digits only as whole words', () => {
    expect(headerWords('DX_12')).toEqual({ concepts: new Set(['diagnosis']), ordinal: 12 });
    expect(headerWords('DX12').ordinal).toBe(12);
    expect(headerWords('DXICD9').ordinal).toBe(9);
    expect(headerWords('ICD9X').ordinal).toBe(9);
  });

  it('splits acronyms from the word after them and drops separators at the edges', () => {
    expect(concepts('BillingNPINumber')).toEqual(['billing', 'npi', 'number']);
    expect(concepts(' _Billing_')).toEqual(['billing']);
  });

  it('weighs a word no column is about at 0.3, a known one at 1, generic ones less', () => {
    expect(conceptWeight('diagnosis')).toBe(1);
    expect(conceptWeight('nch')).toBe(0.3);
    expect(conceptWeight('code')).toBe(0.35);
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

  it('reads amounts as line-level only when asked, dropping line markers and discounting claim totals', () => {
    const paid = professional.columns.find((column) => column.name === 'paid_amount')!;
    const score = (header: string, lineLevel?: boolean) => headerSimilarity(headerWords(header), paid, lineLevel).score;
    expect(score('CLM_PMT_AMT')).toBe(score('CLM_PMT_AMT', false));
    for (const marked of ['LINE_PD_AMT', 'REV_PD_AMT', 'CNTR_PD_AMT']) expect(score(marked, true)).toBe(score('PD_AMT', true));
    expect(score('CLM_LINE_PD_AMT', true)).toBeGreaterThan(score('CLM_PD_AMT', true));
    expect(score('PD_AMT_1')).toBeCloseTo(0.9 * score('PD_AMT'), 10);
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
