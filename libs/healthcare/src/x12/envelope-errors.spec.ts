import { describe, expect, it } from 'vitest';
import { parseX12 } from './parse-x12';
import { X12Error, type X12ErrorCode } from './x12-error';
import { editSegments, joinSegments, readFixture, segmentsOf, withBrokenSecondSet } from './test/x12-fixtures';

const professional = readFixture('837p-two-claims.x12');
const institutional = readFixture('837i-two-claims.x12');
const professionalSegments = segmentsOf(professional);
const lastPosition = professionalSegments.length;

function parseError(text: string): X12Error {
  try {
    parseX12(text);
  } catch (error) {
    if (error instanceof X12Error) return error;
    throw error;
  }
  throw new Error('parseX12 accepted a malformed interchange');
}

/** Replace the segment starting with `prefix` (edits keep the other envelopes intact). */
function replacing(prefix: string, replacement: string): string {
  return editSegments(professional, (segments) => segments.map((segment) => (segment.startsWith(prefix) ? replacement : segment)));
}

interface Case {
  name: string;
  text: string;
  segment: string;
  position: number;
  code: X12ErrorCode;
  /** A value the edit introduced, which must not leak into the message. */
  secret?: string;
}

/** Nothing can be read: the whole file is refused with the first problem. */
const refusals: Case[] = [
  { name: 'ISA one character short', text: professional.replace('ADESUBMITTER   *', 'ADESUBMITTER  *'), segment: 'ISA', position: 1, code: 'envelope_invalid' },
  { name: 'ISA one character long', text: professional.replace('*ZZ*ADESUBMITTER ', '*ZZ*ADESUBMITTER  '), segment: 'ISA', position: 1, code: 'envelope_invalid' },
  { name: 'text not starting with ISA', text: joinSegments(professionalSegments.slice(1)), segment: 'ISA', position: 1, code: 'envelope_invalid' },
  { name: 'ISA shorter than 106 characters in all', text: professional.slice(0, 80), segment: 'ISA', position: 1, code: 'envelope_invalid' },
  { name: 'ISA13 not digits', text: professional.replace('*000000101*0*T*', '*00000010X*0*T*'), segment: 'ISA', position: 1, code: 'envelope_invalid' },
  {
    name: 'SE missing',
    text: editSegments(professional, (segments) => segments.filter((segment) => !segment.startsWith('SE*'))),
    segment: 'SE',
    position: lastPosition - 2,
    code: 'envelope_invalid',
  },
  { name: 'ST01 not 837', text: replacing('ST*', 'ST*835*0001*005010X222A1'), segment: 'ST', position: 3, code: 'transaction_unsupported', secret: '835' },
  { name: 'ST03 not the GS08 version', text: replacing('ST*', 'ST*837*0001*005010X223A2'), segment: 'ST', position: 3, code: 'transaction_unsupported' },
  { name: 'GS08 version unknown', text: professional.replace('*X*005010X222A1~', '*X*005010X999~'), segment: 'GS', position: 2, code: 'transaction_unsupported' },
  { name: 'GS01 not HC', text: professional.replace('GS*HC*', 'GS*HP*'), segment: 'GS', position: 2, code: 'transaction_unsupported' },
  {
    name: 'ST without a GS',
    text: editSegments(professional, (segments) => segments.filter((segment) => !segment.startsWith('GS*'))),
    segment: 'ST',
    position: 2,
    code: 'envelope_invalid',
  },
];

/** An envelope count or control number that disagrees, or a trailer missing after complete sets: noted, and the claims land. */
const warnings: Case[] = [
  { name: 'IEA02 control number differs from ISA13', text: replacing('IEA*', 'IEA*1*000000999'), segment: 'IEA', position: lastPosition, code: 'envelope_invalid', secret: '999' },
  { name: 'IEA01 group count wrong', text: replacing('IEA*', 'IEA*7*000000101'), segment: 'IEA', position: lastPosition, code: 'envelope_invalid', secret: '7' },
  { name: 'IEA missing', text: joinSegments(professionalSegments.slice(0, -1)), segment: 'IEA', position: lastPosition, code: 'envelope_invalid' },
  { name: 'GE02 differs from GS06', text: replacing('GE*', 'GE*1*102'), segment: 'GE', position: lastPosition - 1, code: 'envelope_invalid', secret: '102' },
  { name: 'GE01 transaction count wrong', text: replacing('GE*', 'GE*3*101'), segment: 'GE', position: lastPosition - 1, code: 'envelope_invalid' },
  { name: 'GE missing', text: editSegments(professional, (segments) => segments.filter((segment) => !segment.startsWith('GE*'))), segment: 'GE', position: lastPosition - 1, code: 'envelope_invalid' },
  { name: 'SE01 segment count wrong', text: replacing('SE*', 'SE*47*0001'), segment: 'SE', position: lastPosition - 2, code: 'envelope_invalid', secret: '47' },
  { name: 'SE02 differs from ST02', text: replacing('SE*', 'SE*48*0009'), segment: 'SE', position: lastPosition - 2, code: 'envelope_invalid', secret: '0009' },
  {
    name: 'a segment between SE and GE (outside a transaction set)',
    text: editSegments(professional, (segments) => [...segments.slice(0, -2), 'REF*EI*123456789', ...segments.slice(-2)]),
    segment: 'REF',
    position: lastPosition - 1,
    code: 'envelope_invalid',
    secret: '123456789',
  },
];

describe('parseX12 envelope validation', () => {
  it.each(refusals)('$name → X12Error on $segment at $position', ({ text, segment, position, code, secret }) => {
    const error = parseError(text);
    expect({ segment: error.segment, position: error.position, code: error.code }).toEqual({ segment, position, code });
    expect(error.message).toMatch(new RegExp(`^${segment} segment at position ${position}: `));
    if (secret !== undefined) expect(error.message.split(': ')[1]).not.toContain(secret);
  });

  it.each(warnings)('$name → a warning on $segment at $position, and both claims land', ({ text, segment, position, code, secret }) => {
    const batch = parseX12(text);
    expect(batch).toMatchObject({ claims: 2, lines: 3, transactionSets: { accepted: 1, rejected: 0 } });
    expect(batch.findings.map((f) => ({ severity: f.severity, segment: f.segment, position: f.position, code: f.code }))).toEqual([{ severity: 'warning', segment, position, code }]);
    expect(batch.findings[0]!.message).toMatch(new RegExp(`^${segment} segment at position ${position}: `));
    if (secret !== undefined) expect(batch.findings[0]!.message.split(': ')[1]).not.toContain(secret);
  });

  it('refuses a 4010 file saying it is the retired version and how to convert it', () => {
    const error = parseError(professional.replace('*X*005010X222A1~', '*X*004010X098A1~').replace('ST*837*0001*005010X222A1', 'ST*837*0001'));
    expect(error).toMatchObject({ segment: 'GS', position: 2, code: 'transaction_unsupported' });
    expect(error.message).toMatch(/retired 4010 version.* convert the file to 5010 \(005010X222A1 professional, 005010X223A3 institutional, 005010X220A1 enrollment, 005010X221A1 remittance\)/);
  });

  it('reads every 5010 version identifier in use: the base guides and their addenda', () => {
    for (const version of ['005010X222', '005010X222A1', '005010X222A2']) {
      const text = professional.replaceAll('005010X222A1', version);
      expect(parseX12(text), version).toMatchObject({ transaction: '837P', claims: 2, findings: [] });
    }
    for (const version of ['005010X223', '005010X223A1', '005010X223A2', '005010X223A3']) {
      const text = institutional.replaceAll(/005010X223A[23]/g, version);
      expect(parseX12(text), version).toMatchObject({ transaction: '837I', claims: 2, findings: [] });
    }
  });

  it('reads several interchanges in one file, numbering positions from the start of the file', () => {
    const second = professional.replaceAll('000000101', '000000102');
    const batch = parseX12(professional + second);
    expect(batch).toMatchObject({ claims: 4, lines: 6, interchangeControlNumbers: ['000000101', '000000102'], transactionSets: { accepted: 2, rejected: 0 }, findings: [] });
    const broken = parseX12(professional + second.replace('SE*48*0001', 'SE*40*0001'));
    expect(broken.findings.map((f) => `${f.segment}@${f.position}`)).toEqual([`SE@${2 * lastPosition - 2}`]);
  });

  it('reads a last segment that has no terminator, and line breaks or none between segments', () => {
    expect(parseX12(professional.replace(/~\n$/, ''))).toMatchObject({ claims: 2, findings: [] });
    expect(parseX12(professional.replace(/~\n$/, '\r\n'))).toMatchObject({ claims: 2, findings: [] });
    expect(parseX12(professional.replaceAll('~\n', '~\r\n'))).toMatchObject({ claims: 2, findings: [] });
  });

  it('rejects the 837I set of a file of 837P sets, naming its ST, and lands the rest', () => {
    const institutionalGroup = segmentsOf(institutional).slice(1, -1);
    const text = editSegments(professional, (segments) => [...segments.slice(0, -1), ...institutionalGroup, 'IEA*2*000000101']);
    const batch = parseX12(text);
    expect(batch).toMatchObject({ transaction: '837P', claims: 2, transactionSets: { accepted: 1, rejected: 1 } });
    expect(batch.findings.map((f) => [f.severity, f.segment, f.position, f.code])).toEqual([['error', 'ST', lastPosition + 1, 'transaction_unsupported']]);
  });

  it('rejects one broken transaction set and lands the others of its group', () => {
    const batch = parseX12(withBrokenSecondSet(professional));
    expect(batch).toMatchObject({ claims: 2, lines: 3, transactionSets: { accepted: 1, rejected: 1 } });
    expect(batch.findings).toHaveLength(1);
    expect(batch.findings[0]).toMatchObject({ severity: 'error', code: 'claim_structure_invalid' });
    expect(batch.findings[0]!.message).toMatch(/transaction set 0002 rejected$/);
  });

  it('never quotes member ids or names from the claims in envelope messages', () => {
    const { findings } = parseX12(replacing('SE*', 'SE*47*0001'));
    for (const phi of ['MCD000111', 'DOE', 'JANE', 'PCN0001']) expect(findings[0]!.message).not.toContain(phi);
  });
});
