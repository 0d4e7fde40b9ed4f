import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@ade/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CCW_CARRIER_HEADERS, CCW_INPATIENT_HEADERS, CCW_OUTPATIENT_HEADERS, NPPES_HEADERS, SYNTHEA_CLAIMS_HEADERS } from '@ade/synthetic';
import { UnusableInputError, validateFile, type ValidationReport } from '../src';
import { BAD_NPI, carrierLine, delimited, inpatientLine, npi, outpatientLine, registryRow, RENDERING, taxonomySlots } from './public-layout-files';

describe('validateFile on files in public layouts', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const file = async (name: string, content: string) => {
    const path = join(dir.path, name);
    await writeFile(path, content);
    return path;
  };
  const violations = (report: ValidationReport) => report.violations.map((v) => [v.row, v.rule, v.column]);

  beforeAll(async () => {
    dir = await makeTempDir('validate-layouts');
  });
  afterAll(() => dir?.cleanup());

  it('recognises a CMS carrier file, judges it as professional claims and reads its DD-MMM-YYYY dates', async () => {
    const path = await file(
      'carrier.csv',
      delimited(CCW_CARRIER_HEADERS, [carrierLine(), carrierLine({ LINE_NUM: '2', HCPCS_CD: '36415' }), carrierLine({ CLM_ID: '-10000930037922', CARR_CLM_BLG_NPI_NUM: BAD_NPI })], '|'),
    );
    const report = await validateFile({ path, asOf: '2026-11-01' });
    expect(report.type).toBe('professional_claims');
    expect(report.layout).toMatchObject({ id: 'cms-ccw-rif-carrier', source: { url: 'https://www2.ccwdata.org/web/guest/data-dictionaries' } });
    expect(violations(report)).toEqual([[3, 'npi.check_digit', 'CARR_CLM_BLG_NPI_NUM']]);
    // Every date was read: none is malformed, and the diagnosis was judged on the line's date.
    expect(report.rules['date.format']).toBe(0);
    expect(report.rules['icd10cm.not_valid_on_date']).toBe(0);
    expect(report.rules['icd10cm.format']).toBe(0);
    // A Medicare beneficiary key is not a Medicaid id: the rule is left out, with the reason.
    expect(report.rules).not.toHaveProperty('medicaid_id.format');
    expect(report.layout?.notApplicable['medicaid_id.format']).toMatch(/BENE_ID is the CCW's key of a Medicare beneficiary/);
    expect(report.columns.mapped).toContainEqual({ source: 'LINE_1ST_EXPNS_DT', canonical: 'claim_line_start_date', by: 'layout' });
    expect(report.columns.missingRequired).toEqual([]);
    expect(report.columns.unmapped).toContain('PRNCPAL_DGNS_CD');
  });

  it('judges a malformed DD-MMM-YYYY date and a diagnosis not yet valid on the line date', async () => {
    const path = await file(
      'carrier-defects.csv',
      delimited(CCW_CARRIER_HEADERS, [
        carrierLine({ LINE_1ST_EXPNS_DT: '31-FEB-2023' }),
        carrierLine({ LINE_NUM: '2', ICD_DGNS_CD2: 'U071', LINE_1ST_EXPNS_DT: '03-MAR-2019', LINE_LAST_EXPNS_DT: '03-MAR-2019', CLM_FROM_DT: '03-MAR-2019' }),
      ], '|'),
    );
    const report = await validateFile({ path, type: 'professional_claims', asOf: '2026-11-01' });
    expect(violations(report)).toContainEqual([1, 'date.format', 'LINE_1ST_EXPNS_DT']);
    expect(violations(report)).toContainEqual([2, 'icd10cm.not_valid_on_date', 'ICD_DGNS_CD2']);
  });

  it('judges ICD-9-CM diagnoses as ICD-9 by the CCW version code, never as malformed ICD-10', async () => {
    const era9 = { CLM_FROM_DT: '14-MAY-2014', CLM_THRU_DT: '14-MAY-2014', LINE_1ST_EXPNS_DT: '14-MAY-2014', LINE_LAST_EXPNS_DT: '14-MAY-2014' };
    const path = await file(
      'carrier-2014.csv',
      delimited(CCW_CARRIER_HEADERS, [
        carrierLine({ ...era9, ICD_DGNS_CD1: '25000', ICD_DGNS_VRSN_CD1: '9', ICD_DGNS_CD2: 'V7231', ICD_DGNS_VRSN_CD2: '9' }),
        carrierLine({ ...era9, LINE_NUM: '2', ICD_DGNS_CD1: '2500X', ICD_DGNS_VRSN_CD1: '9', ICD_DGNS_CD2: '', ICD_DGNS_VRSN_CD2: '' }),
      ], '|'),
    );
    const report = await validateFile({ path, asOf: '2026-11-01' });
    expect(violations(report)).toEqual([[2, 'icd9cm.format', 'ICD_DGNS_CD1']]);
    expect(report.rules['icd10cm.format']).toBe(0);
    expect(report.rules['icd10cm.not_valid_on_date']).toBe(0);
    expect(report.columns.mapped).toContainEqual({ source: 'ICD_DGNS_VRSN_CD1', canonical: 'diagnosis_code_type', by: 'layout' });
  });

  it('builds the type of bill of an inpatient claim from its three fields and judges diagnoses on the through date', async () => {
    const path = await file(
      'inpatient.csv',
      delimited(CCW_INPATIENT_HEADERS, [
        inpatientLine(),
        inpatientLine({ CLM_ID: '-10000930000002', CLM_FROM_DT: '10-JUN-2019', CLM_THRU_DT: '15-JUN-2019', CLM_ADMSN_DT: '10-JUN-2019', NCH_BENE_DSCHRG_DT: '15-JUN-2019', ICD_DGNS_CD2: '' }),
        inpatientLine({ CLM_ID: '-10000930000003', CLM_FAC_TYPE_CD: '', CLM_SRVC_CLSFCTN_TYPE_CD: '', CLM_FREQ_CD: '' }),
      ], '|'),
    );
    const report = await validateFile({ path, asOf: '2026-11-01' });
    expect(report.type).toBe('institutional_claims');
    expect(report.layout?.id).toBe('cms-ccw-rif-inpatient');
    const billType = 'CLM_FAC_TYPE_CD || CLM_SRVC_CLSFCTN_TYPE_CD || CLM_FREQ_CD';
    expect(report.columns.mapped).toContainEqual({ source: billType, canonical: 'bill_type_code', by: 'layout' });
    // U07.1 (COVID-19) entered ICD-10-CM on 2020-04-01: valid for the June 2020 stay, not for June 2019.
    expect(violations(report)).toEqual([
      [2, 'icd10cm.not_valid_on_date', 'ICD_DGNS_CD1'],
      [3, 'required.missing', billType],
    ]);
  });

  it('reads a CMS outpatient file by revenue line: line dates, line payment against line charge', async () => {
    const path = await file(
      'outpatient.csv',
      delimited(CCW_OUTPATIENT_HEADERS, [
        outpatientLine(),
        outpatientLine({ CLM_LINE_NUM: '2', REV_CNTR: '0300', REV_CNTR_DT: '03-FEB-2022', HCPCS_CD: '80053', REV_CNTR_PMT_AMT_AMT: '60.00', REV_CNTR_TOT_CHRG_AMT: '40.00' }),
        outpatientLine({ CLM_LINE_NUM: '3', REV_CNTR_DT: '01-FEB-2022', ICD_DGNS_CD1: 'M545' }),
      ], '|'),
    );
    const report = await validateFile({ path, asOf: '2026-11-01' });
    expect(report.layout?.id).toBe('cms-ccw-rif-outpatient');
    expect(report.type).toBe('institutional_claims');
    // M54.5 became a header code on 2021-10-01; a line paid more than it charged, with no allowed amount.
    expect(violations(report)).toEqual([
      [2, 'amounts.paid_exceeds_billed', 'REV_CNTR_PMT_AMT_AMT'],
      [3, 'icd10cm.header_code', 'ICD_DGNS_CD1'],
    ]);
    expect(report.columns.mapped).toContainEqual({ source: 'REV_CNTR_DT', canonical: 'claim_line_start_date', by: 'layout' });
    expect(report.columns.missingRequired).toEqual([]);
  });

  it('validates the NPPES file: NPIs, the primary taxonomy its switch flags, every taxonomy slot, states and ZIPs', async () => {
    const path = await file(
      'npidata_pfile.csv',
      delimited(NPPES_HEADERS, [
        registryRow(),
        registryRow({ NPI: RENDERING, ...taxonomySlots([['207Q00000X', 'N'], ['999999999X', 'Y']]) }),
        registryRow({ NPI: BAD_NPI, 'Provider Business Practice Location Address State Name': 'XX', 'Provider Business Practice Location Address Postal Code': '7870' }),
        registryRow({ NPI: npi('100300012'), ...taxonomySlots([['207Q00000X', 'N'], ['208D00000X', 'N'], ['207Q0000', 'N']]), 'NPI Deactivation Date': '02/30/2020' }),
      ], ',', true),
    );
    const report = await validateFile({ path, asOf: '2026-11-01' });
    expect(report.type).toBe('providers');
    expect(report.layout?.id).toBe('nppes-npi-registry');
    const primary = 'Healthcare Provider Taxonomy Code_{n} where Healthcare Provider Primary Taxonomy Switch_{n} = Y';
    expect(violations(report)).toEqual([
      [2, 'taxonomy.not_in_code_set', primary],
      [2, 'taxonomy.not_in_code_set', 'Healthcare Provider Taxonomy Code_2'],
      [3, 'npi.check_digit', 'NPI'],
      [3, 'state.unknown', 'Provider Business Practice Location Address State Name'],
      [3, 'zip.format', 'Provider Business Practice Location Address Postal Code'],
      [4, 'taxonomy.format', 'Healthcare Provider Taxonomy Code_3'],
      [4, 'date.format', 'NPI Deactivation Date'],
      // No slot is flagged primary: the registry requires one, so the row has no primary taxonomy.
      [4, 'required.missing', primary],
    ]);
    expect(report.columns.mapped).toContainEqual({ source: 'Other Provider Identifier_{n} where Other Provider Identifier Type Code_{n} = 05', canonical: 'medicaid_provider_id', by: 'layout' });
  });

  it('recognises a Synthea claims file and judges its diagnoses as SNOMED CT concepts, never as ICD-10-CM', async () => {
    const claim = (overrides: Record<string, string>): Record<string, string> => ({
      Id: '0b5c1a1e-7f3d-4c1b-9e2a-000000000001', PATIENTID: 'b7e21c-1d2e-4f5a-8b9c-000000000001', PROVIDERID: '7c1f1-aaaa-4bbb-8ccc-000000000001',
      DIAGNOSIS1: '44054006', DIAGNOSIS2: '38341003', SERVICEDATE: '2019-05-03T10:15:00Z', APPOINTMENTID: 'e11', HEALTHCARECLAIMTYPEID1: '1',
      ...overrides,
    });
    const path = await file(
      'synthea-claims.csv',
      delimited(SYNTHEA_CLAIMS_HEADERS, [
        claim({}),
        claim({ Id: '0b5c1a1e-7f3d-4c1b-9e2a-000000000002', DIAGNOSIS1: '195662009', DIAGNOSIS2: '' }),
        // A transposed pair of digits, which Verhoeff's check catches, and an ICD-10 code where SNOMED CT belongs.
        claim({ Id: '0b5c1a1e-7f3d-4c1b-9e2a-000000000003', DIAGNOSIS1: '44504006', DIAGNOSIS2: 'E11.9' }),
        claim({ Id: '0b5c1a1e-7f3d-4c1b-9e2a-000000000004', SERVICEDATE: '2019-02-30T10:15:00Z' }),
      ], ','),
    );
    const report = await validateFile({ path, asOf: '2026-11-01' });
    expect([report.type, report.layout?.id]).toEqual(['professional_claims', 'synthea-claims']);
    expect(violations(report)).toEqual([
      [3, 'snomedct.format', 'DIAGNOSIS1'],
      [3, 'snomedct.format', 'DIAGNOSIS2'],
      [4, 'date.format', 'SERVICEDATE'],
    ]);
    expect(report.rules['icd10cm.format']).toBe(0);
    expect(report.columns.mapped).toContainEqual({ source: "'snomed-ct'", canonical: 'diagnosis_code_type', by: 'layout' });
    expect(Object.keys(report.layout?.notCarried ?? {})).toEqual(['billing_npi', 'hcpcs_code', 'place_of_service_code', 'service_unit_quantity', 'charge_amount']);
    expect(report.columns.mapped.map((m) => m.canonical)).not.toContain('place_of_service_code');
  });

  describe('refuses what it cannot judge as asked, without quoting the file', () => {
    const refusal = async (path: string, request: { type?: 'providers' | 'professional_claims' | 'eligibility' }) => {
      const error = await validateFile({ path, asOf: '2026-11-01', ...request }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnusableInputError);
      return (error as Error).message;
    };

    it('a file in a known layout of another data type', async () => {
      const path = await file('carrier-as-providers.csv', delimited(CCW_CARRIER_HEADERS, [carrierLine()], '|'));
      expect(await refusal(path, { type: 'providers' })).toBe(
        `${path} is a CMS CCW RIF carrier claims (Part B professional), claim and line fields on one row file, which holds professional_claims, not providers; pass --type professional_claims or leave --type out`,
      );
    });

    it('a file in no known layout and no type to read it as', async () => {
      const path = await file('unknown.csv', 'k1,k2\nC1,1\n');
      expect(await refusal(path, {})).toMatch(/is not in a layout the validator knows \(cms-cclf1-part-a-header, .*nppes-npi-registry, synthea-claims\) and its columns read as no data type; pass --type/);
    });

    it('a mapping for another data type, or one naming a header the file lacks', async () => {
      const path = await file('cryptic.csv', 'k1,k2\nC1,1\n');
      const mapping = { path: 'm.json', dataType: 'providers' as const, columns: { npi: 'k1' }, notApplicable: {}, notCarried: {} };
      const wrongType = await validateFile({ path, type: 'professional_claims', mapping }).catch((e: unknown) => e);
      expect(wrongType).toEqual(new UnusableInputError('the mapping m.json is for providers, not professional_claims'));
      const absent = await validateFile({ path, mapping: { ...mapping, columns: { npi: 'k1', practice_city: 'town', practice_state: 'st' } } }).catch((e: unknown) => e);
      expect(absent).toEqual(new UnusableInputError(`${path} has no column the mapping m.json gives for practice_city, practice_state`));
    });

    it('a headerless file, whose first row is data and must not be printed', async () => {
      const path = await file('headerless.csv', 'C778899,1,ZQ55512345,1234567893,E11.9\nC778900,1,ZQ55512346,1234567893,I10\n');
      const message = await refusal(path, { type: 'professional_claims' });
      expect(message).toMatch(/^4 of the 5 column names of .*headerless\.csv look like values \(numbers, dates or identifiers\); does its first line name the columns\?$/);
      for (const value of ['C778899', 'ZQ55512345', '1234567893', 'E11.9']) expect(message).not.toContain(value);
    });

    it('a headerless file whose values alone point at columns: the first row would be printed as headers', async () => {
      const rows = Array.from({ length: 15 }, (_, n) => `RX${7000 + n},00002143380,2025-03-0${(n % 9) + 1},30`).join('\n');
      const path = await file('headerless-rx.csv', `${rows}\n`);
      const error = await validateFile({ path, type: 'pharmacy_claims', asOf: '2026-11-01' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnusableInputError);
      expect((error as Error).message).toMatch(/4 column names of .*headerless-rx\.csv look like values \(numbers, dates or identifiers\); does its first line name the columns\?$/);
      for (const value of ['RX7000', '00002143380', '2025-03-01']) expect((error as Error).message).not.toContain(value);
    });

    it('a headerless member file of names and ids only, which the layout and column lists would otherwise print', async () => {
      const rows = ['Zebediah,Quixote,zq@example.org,M0077301', 'Abigail,Quixote,aq@example.org,M0077302'].join('\n');
      for (const [name, options] of [['members.csv', {}], ['members-typed.csv', { type: 'eligibility' as const }]] as const) {
        const path = await file(name, `${rows}\n`);
        const message = await refusal(path, options);
        expect(message).toBe(`2 of the 4 column names of ${path} look like values (numbers, dates or identifiers); does its first line name the columns?`);
      }
    });
  });
});
