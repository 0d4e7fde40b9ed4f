import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@ade/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHEA_CLAIMS_HEADERS } from '@ade/synthetic';
import { profileFile, validateFile } from '../src';
import { BAD_NPI, BILLING, delimited, RENDERING } from './public-layout-files';

/** A payer's own extract: terse headers no layout ships, Spanish in one column, US dates. */
const TERSE_HEADERS = ['CLMNO', 'LN', 'MBR_NO', 'BILL_PROV', 'REND_PROV', 'DX1', 'DX2', 'PX_CD', 'DOS_FR', 'DOS_TO', 'POS', 'QTY', 'CHG_AMT', 'monto_pagado', 'NOTAS'];
const terseLine = (n: number, overrides: Record<string, string> = {}): Record<string, string> => ({
  CLMNO: `C${100 + Math.floor(n / 2)}`, LN: String((n % 2) + 1), MBR_NO: `AB${10000 + n}C`, BILL_PROV: BILLING, REND_PROV: RENDERING,
  DX1: ['E11.9', 'I10', 'J18.9'][n % 3]!, DX2: n % 2 ? 'Z00.00' : '', PX_CD: ['99213', '93000', 'J1100'][n % 3]!, DOS_FR: '03/02/2025',
  DOS_TO: '03/02/2025', POS: '11', QTY: '1', CHG_AMT: '150.00', monto_pagado: '72.50', NOTAS: n % 3 ? '' : 'revisado', ...overrides,
});

describe('profiling files in no known layout', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const file = async (name: string, content: string) => {
    const path = join(dir.path, name);
    await writeFile(path, content);
    return path;
  };

  beforeAll(async () => {
    dir = await makeTempDir('profile-layouts');
  });
  afterAll(() => dir?.cleanup());

  it('counts, per column, the sampled values that pass each probe, in the engine and from the top rows only', async () => {
    const rows = Array.from({ length: 30 }, (_, n) => terseLine(n, n === 4 ? { BILL_PROV: BAD_NPI, DX1: 'E11.99999', DOS_FR: '02/30/2025' } : {}));
    const path = await file('terse.csv', delimited(TERSE_HEADERS, rows, ','));
    const { headers, profiles } = await profileFile({ path });
    expect(headers).toEqual(TERSE_HEADERS);
    expect(profiles.get('BILL_PROV')).toMatchObject({ nonBlank: 30, passing: { npi: 29 } });
    expect(profiles.get('DX1')).toMatchObject({ nonBlank: 30, passing: { icd10cm: 29 } });
    expect(profiles.get('DX2')).toMatchObject({ nonBlank: 15, passing: { icd10cm: 15 } });
    expect(profiles.get('DOS_FR')).toMatchObject({ nonBlank: 30, passing: { date: 29 } });
    expect(profiles.get('POS')?.passing).toMatchObject({ place_of_service: 30, amount: 30, npi: 0 });
    expect(profiles.get('CHG_AMT')?.passing).toMatchObject({ amount: 30, date: 0, icd10cm: 0 });
    // A profile is counts only: nothing of a value comes back.
    expect(JSON.stringify([...profiles])).not.toMatch(/E11|99213|revisado|C10/);

    const sampled = await file('long.csv', delimited(['NPI_X'], Array.from({ length: 6000 }, () => ({ NPI_X: BILLING })), ','));
    expect((await profileFile({ path: sampled })).profiles.get('NPI_X')?.nonBlank).toBe(5000);
  });

  it('knows every way files mark a code system, and nothing else, as a code-type marker', async () => {
    const markers = ['0', '9', '10', 'icd9', 'icd10', 'icd-9', 'icd-10', 'ICD-9-CM', 'icd-10-cm', 'icd-9-pcs', 'ICD-10-PCS'];
    const path = await file('code-types.csv', delimited(['CT'], [...markers, 'snomed', '1', 'icd-11'].map((CT) => ({ CT })), ','));
    expect((await profileFile({ path })).profiles.get('CT')).toMatchObject({ nonBlank: 14, passing: { code_type: markers.length } });
  });

  it('validates a payer extract by the mapping it proposes, with the evidence, and names the columns it read by profile', async () => {
    const rows = Array.from({ length: 24 }, (_, n) => terseLine(n, n === 5 ? { REND_PROV: BAD_NPI } : {}));
    const path = await file('terse-extract.csv', delimited(TERSE_HEADERS, rows, ','));
    const report = await validateFile({ path, asOf: '2026-11-01' });
    expect(report).toMatchObject({ type: 'professional_claims', layout: null, rows: 24, invalid: 1 });
    expect(report.violations).toEqual([expect.objectContaining({ row: 6, column: 'REND_PROV', rule: 'npi.check_digit' })]);
    expect(report.columns.missingRequired).toEqual([]);
    expect(report.columns.mapped).toEqual(
      expect.arrayContaining([
        { source: 'BILL_PROV', canonical: 'billing_npi', by: 'profile' },
        { source: 'DX1', canonical: 'diagnosis_code_1', by: 'synonym' },
        { source: 'REND_PROV', canonical: 'rendering_npi', by: 'profile' },
        { source: 'DOS_FR', canonical: 'claim_line_start_date', by: 'profile' },
        { source: 'monto_pagado', canonical: 'paid_amount', by: 'profile' },
        { source: 'POS', canonical: 'place_of_service_code', by: 'synonym' },
      ]),
    );
    expect(report.columns.unmapped).toEqual(['NOTAS']);
    const billing = report.proposal?.columns.find((column) => column.canonical === 'billing_npi');
    expect(billing).toMatchObject({ applied: true, evidence: { values: { probe: 'npi', share: 1, nonBlank: 24 } } });
  });

  it('does not apply what the values contradict: a Synthea-like claims file the layout does not identify is asked about, not judged as ICD-10', async () => {
    const synthea = (n: number): Record<string, string> => ({
      Id: `0b5c${n}a1e-7f3d-4c1b-9e2a-00000000000${n % 10}`, PATIENTID: `b7e2${n}c-1d2e-4f5a-8b9c-0000000000${n % 10}`,
      PROVIDERID: `7c1f${n}-aaaa-4bbb-8ccc-000000000001`, DIAGNOSIS1: ['44054006', '38341003', '195662009'][n % 3]!, SERVICEDATE: '2019-05-03T10:15:00Z',
      DEPARTMENTID: '1', PATIENTDEPARTMENTID: '1', APPOINTMENTID: `e1${n}`, STATUS1: 'CLOSED', OUTSTANDING1: '0.0',
    });
    // Without its appointment and claim-type columns the shipped synthea-claims layout does not identify it.
    const headers = SYNTHEA_CLAIMS_HEADERS.filter((header) => header !== 'APPOINTMENTID' && header !== 'HEALTHCARECLAIMTYPEID1');
    const path = await file('claims.csv', delimited(headers, Array.from({ length: 20 }, (_, n) => synthea(n)), ','));
    const report = await validateFile({ path, type: 'professional_claims', asOf: '2026-11-01' });
    expect(report.layout).toBeNull();
    const proposed = (canonical: string) => report.proposal?.columns.find((column) => column.canonical === canonical);
    expect(proposed('diagnosis_code_1')).toMatchObject({ source: 'DIAGNOSIS1', applied: false, evidence: { values: { share: 0 } } });
    expect(proposed('claim_line_start_date')).toMatchObject({ source: 'SERVICEDATE', applied: true });
    expect(report.columns.missingRequired).toContain('diagnosis_code_1');
    // SNOMED codes were not judged as malformed ICD-10-CM: the column was not applied.
    expect(report.rules['icd10cm.format']).toBe(0);
  });
});
