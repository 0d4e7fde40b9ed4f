import { describe, expect, it } from 'vitest';
import { columnNameProblem, sourceColumnName } from './column-names';

/** Headers as published layouts write them: each must read as a name. */
const PUBLISHED_HEADERS = [
  // CMS DE-SynPUF and CCW RIF
  'DESYNPUF_ID', 'CLM_ID', 'CLM_FROM_DT', 'ICD9_DGNS_CD_10', 'HCPCS_CD_13', 'LINE_1ST_EXPNS_DT', 'NCH_CLM_TYPE_CD', 'PRF_PHYSN_NPI_1', 'BENE_BIRTH_DT',
  // NPPES
  'NPI', 'Entity Type Code', 'Provider Business Mailing Address Postal Code', 'Healthcare Provider Taxonomy Code_15', 'Healthcare Provider Primary Taxonomy Switch_1', 'NPI Deactivation Date',
  // Synthea
  'Id', 'BIRTHDATE', 'SSN', 'DRIVERS', 'PASSPORT', 'PATIENTID', 'DIAGNOSIS1', 'HEALTHCAREEXPENSES', 'LAT', 'LON',
  // Others seen in payer files, and DuckDB's own names for a headerless read
  'Tot_30day_Fills', 'GE65_Tot_Clms', 'zip5', 'ndc11', 'Paid Amount ($)', 'Member #', 'column0', 'column0999', '_rescued_data',
  // Digits, dots and dashes inside a name are not a number or a date on their own
  '12 Months Paid', 'Paid 12', 'Year 2019', 'ICD-10-CM', 'dx.1', 'Amount 1,250', 'Rate 5%', 'Contact @ Office',
];

/** The first record of a headerless member or claim file, cell by cell: each must read as a value. */
const FIRST_RECORD_CELLS: Array<[string, string]> = [
  ['1234567893', 'a number'],
  ['12.50', 'a number'],
  ['$1,250.00', 'a number'],
  ['M0001234567', 'a run of five or more digits'],
  ['1EG4-TE5-MK73 00012', 'a run of five or more digits'],
  ['1962-04-09', 'a date'],
  ['04/09/1962', 'a date'],
  ['9.4.62', 'a date'],
  ['jane.doe@example.org', 'an e-mail address'],
  ['1d604da9-9a81-4ba9-80c2-de3375d59b40', 'a UUID'],
  ['member 1D604DA9-9A81-4BA9-80C2-DE3375D59B40', 'a UUID'],
  [' -12 ', 'a number'],
  ['+7', 'a number'],
  ['45%', 'a number'],
  ['1,250', 'a number'],
  ['DOB 1962-04-09', 'a date'],
  ['1962-04-09 visit', 'a date'],
  ['2024.01.05', 'a date'],
  ['a@b.co', 'an e-mail address'],
  ['tab\there', 'a control character'],
  ['del\u007f', 'a control character'],
  ['SMITH\u0000', 'a control character'],
];

describe('column names that leave the data plane', () => {
  it.each(PUBLISHED_HEADERS)('reads the published header %j as a name', (header) => {
    expect(columnNameProblem(header)).toBeNull();
    expect(sourceColumnName.safeParse(header).success).toBe(true);
  });

  it.each(FIRST_RECORD_CELLS)('reads %j as a value (%s) and says so without repeating it', (cell, shape) => {
    const problem = columnNameProblem(cell);
    expect(problem).toBe(`looks like a value (${shape}), not a column name`);
    const parsed = sourceColumnName.safeParse(cell);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues)).not.toContain(cell.replace('\u0000', ''));
  });

  it('keeps names to 256 characters', () => {
    expect(sourceColumnName.safeParse('a'.repeat(256)).success).toBe(true);
    expect(sourceColumnName.safeParse('a'.repeat(257)).success).toBe(false);
    expect(sourceColumnName.safeParse('').success).toBe(false);
  });
});
