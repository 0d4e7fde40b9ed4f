import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { UnusableInputError, validateFile } from '../src';

const HEADER =
  'claim_id,claim_line_number,member_id,billing_npi,diagnosis_code_1,hcpcs_code,claim_line_start_date,claim_line_end_date,place_of_service_code,service_unit_quantity,charge_amount,allowed_amount,paid_amount';
const line = (overrides: Partial<Record<string, string>> = {}) => {
  const row: Record<string, string> = {
    claim_id: 'C1', claim_line_number: '1', member_id: 'AB12345C', billing_npi: '1234567893', diagnosis_code_1: 'E11.9',
    hcpcs_code: '99213', claim_line_start_date: '2025-03-01', claim_line_end_date: '2025-03-01', place_of_service_code: '11', service_unit_quantity: '1', charge_amount: '100.00',
    allowed_amount: '80.00', paid_amount: '70.00', ...overrides,
  };
  return HEADER.split(',').map((c) => row[c]).join(',');
};

describe('validateFile on hand-made inputs', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const file = async (name: string, content: string | Buffer) => {
    const path = join(dir.path, name);
    await writeFile(path, content);
    return path;
  };
  const validate = (path: string, extra: Record<string, string> = {}) =>
    validateFile({ path, type: 'professional_claims', asOf: '2026-11-01', ...extra });

  beforeAll(async () => {
    dir = await makeTempDir('validate-inputs');
  });
  afterAll(() => dir?.cleanup());

  it('judges a diagnosis against the code set in effect on the date of service', async () => {
    const path = await file('m545.csv', [HEADER,
      line({ claim_id: 'A', diagnosis_code_1: 'M54.5', claim_line_start_date: '2019-06-01', claim_line_end_date: '2019-06-01' }),
      line({ claim_id: 'B', diagnosis_code_1: 'M54.5', claim_line_start_date: '2023-06-01', claim_line_end_date: '2023-06-01' }),
      line({ claim_id: 'C', diagnosis_code_1: 'M5450', claim_line_start_date: '2023-06-01', claim_line_end_date: '2023-06-01' }),
      line({ claim_id: 'D', diagnosis_code_1: 'U07.1', claim_line_start_date: '2019-06-01', claim_line_end_date: '2019-06-01' }),
      line({ claim_id: 'E', diagnosis_code_1: 'U07.1', claim_line_start_date: '2020-06-01', claim_line_end_date: '2020-06-01' }),
    ].join('\n'));
    const report = await validate(path);
    // M54.5 was billable until FY2022 split it into M54.50/51/59; from then on it is a header code.
    expect(report.violations.map((v) => [v.row, v.rule])).toEqual([[2, 'icd10cm.header_code'], [4, 'icd10cm.not_valid_on_date']]);
  });

  it('applies the state pack named for the file', async () => {
    const path = await file('ny.csv', [HEADER, line(), line({ claim_id: 'C2', member_id: '123456789' })].join('\n'));
    expect((await validate(path, { state: 'NY' })).violations.map((v) => [v.row, v.rule, v.column])).toEqual([[2, 'medicaid_id.format', 'member_id']]);
    expect((await validate(path, { state: 'TX' })).violations.map((v) => v.row)).toEqual([1]);
  });

  it('maps messy headers and reports the columns it does not know, without dropping them silently', async () => {
    const messy =
      'Claim ID,Line Number,Member ID,Billing Provider NPI,Dx 1,Procedure Code,Service From Date,Service To Date,Place of Service,Units,Billed Amount,Allowed Amount,Paid Amount,Fax Number';
    const path = await file('messy.csv', `${messy}\n${line()},555-0100\n`);
    const report = await validate(path);
    expect(report.columns.unmapped).toEqual(['Fax Number']);
    expect(report.columns.mapped.find((m) => m.source === 'Billing Provider NPI')?.canonical).toBe('billing_npi');
    expect(report.invalid).toBe(0);
  });

  it('counts every row against a required column the file lacks', async () => {
    const path = await file('no-npi.csv', 'claim_id,claim_line_number\nC1,1\nC2,1\n');
    const report = await validate(path);
    expect(report.columns.missingRequired).toContain('billing_npi');
    expect(report.invalid).toBe(2);
  });

  it('reads NDJSON and Parquet through the same rules', async () => {
    const objects = [line(), line({ claim_id: 'C2', billing_npi: '1234567890' })].map((l) => {
      const values = l.split(',');
      return JSON.stringify(Object.fromEntries(HEADER.split(',').map((h, i) => [h, values[i]])));
    });
    const ndjson = await file('claims.ndjson', `${objects.join('\n')}\n`);
    expect((await validate(ndjson)).violations.map((v) => [v.row, v.rule])).toEqual([[2, 'npi.check_digit']]);

    const parquet = join(dir.path, 'claims.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_json('${ndjson}')) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    expect((await validate(parquet)).violations.map((v) => [v.row, v.rule])).toEqual([[2, 'npi.check_digit']]);
  });

  describe('unusable input: one clear line, never a stack trace', () => {
    const unusable = async (path: string, message: RegExp, extra: Record<string, string> = {}) => {
      const error = await validate(path, extra).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnusableInputError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    };

    it('a missing file', () => unusable(join(dir.path, 'nope.csv'), /^file not found: .*nope\.csv$/));
    it('an empty file', async () => unusable(await file('empty.csv', ''), /empty\.csv is empty$/));
    it('a directory', () => unusable(dir.path, /is not a file$/));
    it('an unknown extension', async () => unusable(await file('claims.xlsx', 'x'), /cannot tell the format/));
    it('invalid UTF-8', async () =>
      unusable(await file('latin1.csv', Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x0a])])), /is not valid UTF-8/));
    it('a 10 MB single line', async () => unusable(await file('huge.csv', `${HEADER}\n${'x'.repeat(10 * 1024 * 1024)}\n`), /has a line longer than/));
    it('the wrong delimiter', async () =>
      unusable(await file('pipes.csv', `${HEADER.replaceAll(',', '|')}\n${line().replaceAll(',', '|')}\n`), /pass --delimiter '\|'$/, { delimiter: ',' }));
    it('no recognizable columns', async () => unusable(await file('other.csv', 'alpha,beta\n1,2\n'), /none of the 2 columns .* is a recognizable professional_claims column/));
    it('a bad NDJSON file', async () => unusable(await file('bad.ndjson', '{"claim_id": "C1"\n'), /is not valid newline-delimited JSON/));
    it('a corrupt Parquet file', async () => unusable(await file('bad.parquet', 'PAR1 not really parquet'), /is not a readable Parquet file$/));
  });
});
