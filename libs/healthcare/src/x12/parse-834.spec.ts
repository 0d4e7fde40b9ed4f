import { describe, expect, it } from 'vitest';
import { canonicalSchema } from '../schemas';
import { parseX12 } from './parse-x12';
import { editClaims, readFixture } from './test/x12-fixtures';

const fixture = readFixture('834-enrollment.x12');

describe('parseX12 on an 834 benefit enrollment (005010X220A1)', () => {
  const batch = parseX12(fixture);

  it('reads one eligibility row per member and health coverage', () => {
    expect(batch).toMatchObject({ transaction: '834', dataType: 'eligibility', claims: 2, lines: 3, findings: [], transactionSets: { accepted: 1, rejected: 0 } });
    const columns = canonicalSchema('eligibility').columns.map((column) => column.name);
    for (const row of batch.rows) expect(Object.keys(row)).toEqual(columns);
  });

  it('takes the payer from 1000B, the member id from REF*23, the SSN from NM108 34, and the coverage span from its own DTPs', () => {
    expect(batch.rows[0]).toMatchObject({
      payer: 'STATE MEDICAID', member_id: 'MCD000111', subscriber_id: 'SUB000111', subscriber_relation: '18', social_security_number: '123456789',
      first_name: 'JANE', last_name: 'DOE', birth_date: '1980-01-15', gender: 'F', address: '1 TEST LANE', city: 'SPRINGFIELD', state: 'IL', zip_code: '62701',
      phone: '5555550111', plan: 'MEDICAID STANDARD', enrollment_start_date: '2024-01-01', enrollment_end_date: null,
    });
    expect(batch.rows[1]).toMatchObject({ member_id: 'MCD000111', plan: 'MEDICAID DENTAL', enrollment_start_date: '2024-01-01', enrollment_end_date: '2024-12-31' });
  });

  it("falls back to the member's eligibility begin date (DTP*356) for a coverage without its own", () => {
    expect(batch.rows[2]).toMatchObject({ member_id: 'MCD000112', subscriber_relation: '19', social_security_number: null, plan: 'CHIP', enrollment_start_date: '2024-02-01', gender: 'M' });
  });

  it('keeps a member without a coverage as a row with no plan, for the rules to report', () => {
    const noCoverage = parseX12(editClaims(fixture, (segments) => segments.filter((s) => s !== 'HD*021**HLT*CHIP*IND')));
    expect(noCoverage.rows[2]).toMatchObject({ member_id: 'MCD000112', plan: null, enrollment_start_date: '2024-02-01' });
  });

  it('rejects a coverage before any member level, naming the HD', () => {
    const text = editClaims(fixture, (segments) => segments.flatMap((s) => (s.startsWith('N1*IN') ? [s, 'HD*021**HLT*STRAY*IND'] : [s])));
    expect(() => parseX12(text)).toThrow(/HD segment at position 9: a health coverage \(HD\) comes before any member level \(INS\); transaction set 0001 rejected/);
  });

  it('refuses an 834 group that says HC instead of BE', () => {
    expect(() => parseX12(fixture.replace('GS*BE*', 'GS*HC*'))).toThrow(/GS01 is not BE, the functional group of the version GS08 declares/);
  });
});
