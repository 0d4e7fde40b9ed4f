import { describe, expect, it } from 'vitest';
import { parse837 } from './parse-837';
import { X12Error, type X12ErrorCode } from './x12-error';
import { editSegments, joinSegments, readFixture, segmentsOf } from './test/x12-fixtures';

const professional = readFixture('837p-two-claims.x12');
const institutional = readFixture('837i-two-claims.x12');
const professionalSegments = segmentsOf(professional);
const lastPosition = professionalSegments.length;

function parseError(text: string): X12Error {
  try {
    parse837(text);
  } catch (error) {
    if (error instanceof X12Error) return error;
    throw error;
  }
  throw new Error('parse837 accepted a malformed interchange');
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

const cases: Case[] = [
  { name: 'ISA one character short', text: professional.replace('ADESUBMITTER   *', 'ADESUBMITTER  *'), segment: 'ISA', position: 1, code: 'envelope_invalid' },
  { name: 'ISA one character long', text: professional.replace('*ZZ*ADESUBMITTER ', '*ZZ*ADESUBMITTER  '), segment: 'ISA', position: 1, code: 'envelope_invalid' },
  { name: 'text not starting with ISA', text: joinSegments(professionalSegments.slice(1)), segment: 'ISA', position: 1, code: 'envelope_invalid' },
  { name: 'ISA shorter than 106 characters in all', text: professional.slice(0, 80), segment: 'ISA', position: 1, code: 'envelope_invalid' },
  { name: 'ISA13 not digits', text: professional.replace('*000000101*0*T*', '*00000010X*0*T*'), segment: 'ISA', position: 1, code: 'envelope_invalid' },
  { name: 'IEA02 control number differs from ISA13', text: replacing('IEA*', 'IEA*1*000000999'), segment: 'IEA', position: lastPosition, code: 'envelope_invalid', secret: '999' },
  { name: 'IEA01 group count wrong', text: replacing('IEA*', 'IEA*7*000000101'), segment: 'IEA', position: lastPosition, code: 'envelope_invalid', secret: '7' },
  { name: 'IEA missing', text: joinSegments(professionalSegments.slice(0, -1)), segment: 'IEA', position: lastPosition, code: 'envelope_invalid' },
  { name: 'GE02 differs from GS06', text: replacing('GE*', 'GE*1*102'), segment: 'GE', position: lastPosition - 1, code: 'envelope_invalid', secret: '102' },
  { name: 'GE01 transaction count wrong', text: replacing('GE*', 'GE*3*101'), segment: 'GE', position: lastPosition - 1, code: 'envelope_invalid' },
  { name: 'SE01 segment count wrong', text: replacing('SE*', 'SE*47*0001'), segment: 'SE', position: lastPosition - 2, code: 'envelope_invalid', secret: '47' },
  { name: 'SE02 differs from ST02', text: replacing('SE*', 'SE*48*0009'), segment: 'SE', position: lastPosition - 2, code: 'envelope_invalid', secret: '0009' },
  {
    name: 'SE missing',
    text: editSegments(professional, (segments) => segments.filter((segment) => !segment.startsWith('SE*'))),
    segment: 'SE',
    position: lastPosition - 2,
    code: 'envelope_invalid',
  },
  { name: 'ST01 not 837', text: replacing('ST*', 'ST*835*0001*005010X222A1'), segment: 'ST', position: 3, code: 'transaction_unsupported', secret: '835' },
  { name: 'ST03 not the GS08 version', text: replacing('ST*', 'ST*837*0001*005010X223A2'), segment: 'ST', position: 3, code: 'transaction_unsupported' },
  { name: 'GS08 version unknown (4010)', text: professional.replace('*X*005010X222A1~', '*X*004010X098A1~'), segment: 'GS', position: 2, code: 'transaction_unsupported' },
  { name: 'GS01 not HC', text: professional.replace('GS*HC*', 'GS*HP*'), segment: 'GS', position: 2, code: 'transaction_unsupported' },
  {
    name: 'a segment between SE and GE (outside a transaction)',
    text: editSegments(professional, (segments) => [...segments.slice(0, -2), 'REF*EI*123456789', ...segments.slice(-2)]),
    segment: 'REF',
    position: lastPosition - 1,
    code: 'envelope_invalid',
  },
  {
    name: 'ST without a GS (node-x12 throws; the diagnostic names the segment)',
    text: editSegments(professional, (segments) => segments.filter((segment) => !segment.startsWith('GS*'))),
    segment: 'ST',
    position: 2,
    code: 'envelope_invalid',
  },
  {
    name: 'a second interchange in the file',
    text: professional + professional,
    segment: 'ISA',
    position: lastPosition + 1,
    code: 'envelope_invalid',
  },
];

describe('parse837 envelope validation', () => {
  it.each(cases)('$name → X12Error on $segment at $position', ({ text, segment, position, code, secret }) => {
    const error = parseError(text);
    expect({ segment: error.segment, position: error.position, code: error.code }).toEqual({ segment, position, code });
    expect(error.message).toMatch(new RegExp(`^${segment} segment at position ${position}: `));
    if (secret !== undefined) expect(error.message.split(': ')[1]).not.toContain(secret);
  });

  it('refuses an interchange mixing 837P and 837I functional groups, at the second GS', () => {
    const institutionalGroup = segmentsOf(institutional).slice(1, -1);
    const text = editSegments(professional, (segments) => [...segments.slice(0, -1), ...institutionalGroup, 'IEA*2*000000101']);
    const error = parseError(text);
    expect(error).toMatchObject({ segment: 'GS', position: lastPosition, code: 'transaction_unsupported' });
  });

  it('reports the first problem in document order when there are several', () => {
    const text = editSegments(professional, (segments) => segments.map((segment) => (segment.startsWith('SE*') ? 'SE*1*0001' : segment.startsWith('IEA*') ? 'IEA*1*000000999' : segment)));
    expect(parseError(text).segment).toBe('SE');
  });

  it('never quotes member ids or names from the claims in envelope messages', () => {
    const error = parseError(replacing('SE*', 'SE*47*0001'));
    for (const phi of ['MCD000111', 'DOE', 'JANE', 'PCN0001']) expect(error.message).not.toContain(phi);
  });
});
