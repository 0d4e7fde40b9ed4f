import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@ade/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editSegments, readFixture } from '../../healthcare/src/x12/test/x12-fixtures';
import { UnusableInputError, validateFile } from '../src';

const professional = readFixture('837p-two-claims.x12');
const institutional = readFixture('837i-two-claims.x12');
const enrollment = readFixture('834-enrollment.x12');

/** `ade validate` on X12 837 files: recognised by content, read as a pipeline reads them, judged by the healthcare rules. */
describe('validateFile on X12 837 files', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const validate = async (name: string, content: string, type?: 'professional_claims' | 'institutional_claims') => {
    const path = join(dir.path, name);
    await writeFile(path, content);
    return validateFile({ path, asOf: '2026-11-01', ...(type && { type }) });
  };

  beforeAll(async () => {
    dir = await makeTempDir('validate-x12');
  });
  afterAll(() => dir?.cleanup());

  it('recognises an 837P by its content, whatever its extension, and judges its service lines', async () => {
    const report = await validate('batch.txt', professional);
    expect(report).toMatchObject({ type: 'professional_claims', format: 'x12', rows: 3, file: join(dir.path, 'batch.txt') });
    expect(report.x12).toEqual({ transaction: '837P', interchanges: 1, transactionSets: { accepted: 1, rejected: 0 }, claims: 2, findings: [], acknowledgments: [expect.objectContaining({ groups: [expect.objectContaining({ control: '101' })] })] });
    expect(report.columns.missingRequired).toEqual([]);
    // The rows come out of the loops under the canonical names: mapped as they are, never guessed at.
    expect(report).toMatchObject({ layout: { id: 'mapping-file', name: 'the mapping in the 837P loops' }, proposal: null });
    expect(report.columns.mapped.every((m) => m.canonical === m.source)).toBe(true);
  });

  it('reports a bad billing NPI from the 2010AA loop as a rule violation on the lines it bills', async () => {
    const report = await validate('bad-npi.837', professional.replace('NM1*85*2*SYNTHETIC FAMILY CLINIC*****XX*1234567893~', 'NM1*85*2*SYNTHETIC FAMILY CLINIC*****XX*1234567894~'));
    // The second claim names no rendering provider, so its line is rendered by the billing one too.
    const columns = report.violations.filter((v) => v.rule === 'npi.check_digit').map((v) => `${v.row}:${v.column}`);
    expect(columns.sort()).toEqual(['1:billing_npi', '2:billing_npi', '3:billing_npi', '3:rendering_npi']);
  });

  it('reports envelope findings beside the rules, and still judges the claims', async () => {
    const report = await validate('miscounted.x12', editSegments(professional, (segments) => segments.map((s) => (s.startsWith('SE*') ? 'SE*12*0001' : s))));
    expect(report.rows).toBe(3);
    expect(report.x12!.findings).toEqual([expect.objectContaining({ severity: 'warning', segment: 'SE', code: 'envelope_invalid' })]);
  });

  it('reads an 837I as institutional claims, and refuses --type naming the other form', async () => {
    expect(await validate('inst.edi', institutional)).toMatchObject({ type: 'institutional_claims', x12: { transaction: '837I', claims: 2 } });
    await expect(validate('inst-as-prof.edi', institutional, 'professional_claims')).rejects.toThrow(
      new UnusableInputError(`${join(dir.path, 'inst-as-prof.edi')} is an 837I file, which holds institutional_claims, not professional_claims; pass --type institutional_claims or leave --type out`),
    );
  });

  it('refuses a file of which no transaction set can be read, naming the segment and position', async () => {
    const retired = professional.replace('*X*005010X222A1~', '*X*004010X098A1~');
    await expect(validate('old.x12', retired)).rejects.toThrow(/old\.x12 is not a readable X12 file: GS segment at position 2: GS08 is the retired 4010 version/);
  });

  it('reads an 834 as eligibility and judges its members by the eligibility rules', async () => {
    const report = await validate('enrollment.edi', enrollment.replace('N4*SPRINGFIELD*IL*62701~\nDMG*D8*20150704', 'N4*SPRINGFIELD*XX*62701~\nDMG*D8*20150704'));
    expect(report).toMatchObject({ type: 'eligibility', format: 'x12', rows: 3, x12: { transaction: '834', claims: 2 } });
    expect(report.violations.map((v) => [v.row, v.rule, v.column])).toEqual([[3, 'state.unknown', 'state']]);
  });
});
