import { describe, expect, it } from 'vitest';
import { mappingFileSchema } from '../layouts/layout.schema';
import { canonicalSchema } from '../schemas/canonical-schemas';
import { appliedMapping, AUTO_APPLY_THRESHOLD, proposalAsMappingFile, proposeLikeliestType, proposeMapping, type ColumnProfile } from './propose-mapping';
import type { ProbeId } from './value-probes';

const professional = canonicalSchema('professional_claims');

/** A column of `nonBlank` sampled values of which `passing[probe]` pass each probe. */
const profile = (nonBlank: number, passing: Partial<Record<ProbeId, number>> = {}): ColumnProfile => ({ nonBlank, passing });
const profiles = (entries: Record<string, ColumnProfile>) => new Map(Object.entries(entries));

const column = (proposal: ReturnType<typeof proposeMapping>, canonical: string) => proposal.columns.find((c) => c.canonical === canonical);

describe('proposeMapping', () => {
  it('applies a translated or abbreviated header its values confirm, with the evidence', () => {
    const proposal = proposeMapping(['npi_facturacion', 'monto_pagado'], professional, profiles({ npi_facturacion: profile(50, { npi: 50 }), monto_pagado: profile(50, { amount: 50 }) }));
    expect(column(proposal, 'billing_npi')).toEqual({
      canonical: 'billing_npi',
      source: 'npi_facturacion',
      confidence: 1,
      applied: true,
      evidence: {
        header: { by: 'words', closestTo: 'billing_npi', score: 1 },
        values: { probe: 'npi', description: 'valid NPIs (10 digits, Luhn check digit)', share: 1, nonBlank: 50 },
        // Not close enough to ask: the header says billing.
        rival: { canonical: 'rendering_npi', source: 'npi_facturacion', confidence: 0.64 },
      },
    });
    expect(column(proposal, 'paid_amount')).toMatchObject({ source: 'monto_pagado', applied: true });
    expect(proposal.threshold).toBe(AUTO_APPLY_THRESHOLD);
  });

  it("lets enough values overrule a column's own name: organisation ids under PLACEOFSERVICE are not places of service", () => {
    const uuids = proposeMapping(['PLACEOFSERVICE'], professional, profiles({ PLACEOFSERVICE: profile(40, { place_of_service: 0 }) }));
    expect(column(uuids, 'place_of_service_code')).toMatchObject({ source: 'PLACEOFSERVICE', applied: false, confidence: 0.4 });
    expect(uuids.missingRequired).toContain('place_of_service_code');
    // A handful of bad values is the rules' business, not a reason to doubt the name.
    const few = proposeMapping(['PLACEOFSERVICE'], professional, profiles({ PLACEOFSERVICE: profile(3, { place_of_service: 0 }) }));
    expect(column(few, 'place_of_service_code')).toMatchObject({ applied: true, confidence: 1, evidence: { header: { by: 'synonym' } } });
  });

  it('weakens a header whose values are mostly not of its kind, and trusts a blank column by its header a little less', () => {
    const half = proposeMapping(['REND_PRVDR_NPI'], professional, profiles({ REND_PRVDR_NPI: profile(100, { npi: 20 }) }));
    expect(column(half, 'rendering_npi')).toMatchObject({ confidence: 0.64, applied: false });
    const blank = proposeMapping(['REND_PRVDR_NPI'], professional, new Map());
    expect(column(blank, 'rendering_npi')).toMatchObject({ confidence: 0.9, applied: true, evidence: { values: null } });
  });

  it('proposes a column on distinctive values alone, but never applies it', () => {
    const pharmacy = canonicalSchema('pharmacy_claims');
    const proposal = proposeMapping(['X7'], pharmacy, profiles({ X7: profile(200, { ndc: 200 }) }));
    expect(proposal.columns).toEqual([
      expect.objectContaining({ canonical: 'ndc_code', source: 'X7', confidence: 0.5, applied: false, evidence: expect.objectContaining({ header: expect.objectContaining({ by: 'values' }) }) }),
    ]);
    // NPIs alone cannot say which of three NPI columns they are: too little to propose.
    expect(proposeMapping(['X7'], professional, profiles({ X7: profile(200, { npi: 200 }) })).columns).toEqual([]);
    // Amounts are everywhere: numbers alone point nowhere.
    expect(proposeMapping(['X8'], professional, profiles({ X8: profile(200, { amount: 200 }) })).columns).toEqual([]);
  });

  it('gives each header one column and each column one header, surest first, and asks when a rival is close', () => {
    const proposal = proposeMapping(['PRVDR_NPI', 'BILL_PROV_NPI'], professional, profiles({ PRVDR_NPI: profile(20, { npi: 20 }), BILL_PROV_NPI: profile(20, { npi: 20 }) }));
    expect(column(proposal, 'billing_npi')).toMatchObject({ source: 'BILL_PROV_NPI', applied: true });
    expect(proposal.columns.filter((c) => c.source === 'PRVDR_NPI')).toHaveLength(1);
    const rivals = proposeMapping(['CHG_AMT', 'CHARGES'], professional, profiles({ CHG_AMT: profile(20, { amount: 20 }), CHARGES: profile(20, { amount: 20 }) }));
    expect(column(rivals, 'charge_amount')).toMatchObject({ applied: false, evidence: { rival: { canonical: 'charge_amount', source: expect.any(String) } } });
    // One header that could be either of two columns is asked about too.
    const either = proposeMapping(['PRVDR_NPI'], professional, profiles({ PRVDR_NPI: profile(20, { npi: 20 }) }));
    expect(either.columns).toEqual([expect.objectContaining({ source: 'PRVDR_NPI', applied: false, evidence: expect.objectContaining({ rival: expect.objectContaining({ source: 'PRVDR_NPI' }) }) })]);
  });

  it('lists the headers it proposed nothing for, and the required columns still to confirm', () => {
    const proposal = proposeMapping(['claim_id', 'remarks'], professional, new Map());
    expect(proposal.unmatched).toEqual(['remarks']);
    expect(proposal.missingRequired).toEqual(professional.columns.filter((c) => c.required && c.name !== 'claim_id').map((c) => c.name));
  });

  it('reads the applied part as a header mapping in file order, by name, synonym or profile', () => {
    const headers = ['monto_pagado', 'notes', 'units', 'claim_id'];
    const proposal = proposeMapping(headers, professional, profiles({ monto_pagado: profile(20, { amount: 20 }) }));
    expect(appliedMapping(proposal, headers)).toEqual({
      mapped: [
        { source: 'monto_pagado', canonical: 'paid_amount', by: 'profile' },
        { source: 'units', canonical: 'service_unit_quantity', by: 'synonym' },
        { source: 'claim_id', canonical: 'claim_id', by: 'name' },
      ],
      unmapped: ['notes'],
      duplicates: [],
      missingRequired: proposal.missingRequired,
    });
  });

  it('writes a proposal as a mapping file the validator accepts', () => {
    const proposal = proposeMapping(['CLMNO', 'PRVDR_NPI'], professional, profiles({ PRVDR_NPI: profile(200, { npi: 200 }) }));
    const file = proposalAsMappingFile(proposal);
    // Unsure proposals are written too, for the person to confirm or change.
    expect(proposal.columns.find((c) => c.source === 'PRVDR_NPI')?.applied).toBe(false);
    expect(file).toEqual({ dataType: 'professional_claims', columns: { claim_id: 'CLMNO', billing_npi: 'PRVDR_NPI' }, notApplicable: {} });
    expect(mappingFileSchema.safeParse(file).success).toBe(true);
  });
});

describe('proposeMapping at its edges', () => {
  const pharmacy = canonicalSchema('pharmacy_claims');

  it('applies a pairing at exactly the threshold', () => {
    const proposal = proposeMapping(['REND_PRVDR_NPI'], professional, new Map(), 0.9);
    expect(column(proposal, 'rendering_npi')).toMatchObject({ confidence: 0.9, applied: true });
    expect(proposal.threshold).toBe(0.9);
  });

  it("takes a line-level table's amounts from the line, not the claim total", () => {
    const amounts = profiles({ CLM_PMT_AMT: profile(20, { amount: 20 }), LINE_NCH_PMT_AMT: profile(20, { amount: 20 }) });
    expect(column(proposeMapping(['CLM_PMT_AMT', 'LINE_NCH_PMT_AMT'], professional, amounts), 'paid_amount')?.source).toBe('LINE_NCH_PMT_AMT');
  });

  it("says whether a header is the column's name or a synonym", () => {
    const proposal = proposeMapping(['CLAIM_ID', 'units'], professional, new Map());
    expect(column(proposal, 'claim_id')?.evidence.header).toEqual({ by: 'name', closestTo: 'claim_id', score: 1 });
    expect(column(proposal, 'service_unit_quantity')?.evidence.header).toEqual({ by: 'synonym', closestTo: 'units', score: 1 });
  });

  it('breaks a tie between equally sure headers by file order', () => {
    expect(column(proposeMapping(['charges', 'billed'], professional, new Map()), 'charge_amount')?.source).toBe('charges');
    expect(column(proposeMapping(['billed', 'charges'], professional, new Map()), 'charge_amount')?.source).toBe('billed');
  });

  it('reports no rival when the other candidates found surer homes', () => {
    const npis = profiles({ BILL_PROV_NPI: profile(20, { npi: 20 }), REND_PROV_NPI: profile(20, { npi: 20 }), FAC_NPI: profile(20, { npi: 20 }) });
    const proposal = proposeMapping(['BILL_PROV_NPI', 'REND_PROV_NPI', 'FAC_NPI'], professional, npis);
    expect(column(proposal, 'billing_npi')).toMatchObject({ source: 'BILL_PROV_NPI', applied: true, evidence: { rival: null } });
    expect(column(proposal, 'rendering_npi')).toMatchObject({ source: 'REND_PROV_NPI', applied: true, evidence: { rival: null } });
  });

  it('reads ICD-9-CM shapes as a weaker diagnosis reading, and the code-set reading first on a tie', () => {
    const icd9 = proposeMapping(['DX1'], professional, profiles({ DX1: profile(20, { icd10cm: 0, icd9cm: 20 }) }));
    expect(column(icd9, 'diagnosis_code_1')?.evidence.values).toMatchObject({ probe: 'icd9cm', share: 0.7 });
    const neither = proposeMapping(['DX1'], professional, profiles({ DX1: profile(20, {}) }));
    expect(column(neither, 'diagnosis_code_1')?.evidence.values).toMatchObject({ probe: 'icd10cm', share: 0 });
  });

  it('lets fewer than ten values only confirm a header, never weaken it', () => {
    const few = (passing: number) => column(proposeMapping(['monto_pagado'], professional, profiles({ monto_pagado: profile(5, { amount: passing }) })), 'paid_amount');
    expect(few(5)?.confidence).toBe(1);
    expect(few(0)?.confidence).toBe(0.9);
    const ten = proposeMapping(['PLACEOFSERVICE'], professional, profiles({ PLACEOFSERVICE: profile(10, { place_of_service: 0 }) }));
    expect(column(ten, 'place_of_service_code')).toMatchObject({ confidence: 0.4, applied: false });
  });

  it('proposes on distinctive values alone from ten values and a 90% share', () => {
    const alone = (nonBlank: number, passing: number) => proposeMapping(['X7'], pharmacy, profiles({ X7: profile(nonBlank, { ndc: passing }) })).columns;
    expect(alone(10, 9)).toEqual([expect.objectContaining({ canonical: 'ndc_code', confidence: 0.45 })]);
    expect(alone(9, 9)).toEqual([]);
    expect(alone(10, 8)).toEqual([]);
  });
});

describe('proposeLikeliestType', () => {
  it('picks the data type whose required columns it applies most of, or none', () => {
    const headers = ['PROV_NPI', 'TXNMY_CD', 'ORG_NM'];
    const typed = proposeLikeliestType(headers, profiles({ PROV_NPI: profile(20, { npi: 20 }), TXNMY_CD: profile(20, { taxonomy: 20 }) }));
    expect(typed?.dataType).toBe('providers');
    expect(proposeLikeliestType(['k1', 'k2'], new Map())).toBeNull();
  });
});
