import { describe, expect, it } from 'vitest';
import { EnvelopeReader } from './envelope-reader';
import { parseX12 } from './parse-x12';
import { render999 } from './render-999';
import { SegmentReader } from './segment-reader';
import { editSegments, readFixture, segmentsOf, withBrokenSecondSet } from './test/x12-fixtures';

const professional = readFixture('837p-two-claims.x12');
const AT = new Date('2026-12-07T01:02:03Z');

/** The 999's segments from AK1 to AK9, as written. */
const body = (text: string) => segmentsOf(text).filter((segment) => /^(AK1|AK2|IK5|AK9)\*/.test(segment));

describe('render999', () => {
  it('acknowledges a clean file: each set accepted, the group accepted, in its own envelope back to the sender', () => {
    const ack = render999(parseX12(professional).acknowledgments, AT);
    const segments = segmentsOf(ack);
    expect(segments[0]).toBe('ISA*00*          *00*          *ZZ*STATEMEDICAID  *ZZ*ADESUBMITTER   *261207*0102*^*00501*000000001*0*T*:');
    expect(segments[1]).toMatch(/^GS\*FA\*[^*]+\*[^*]+\*20261207\*0102\*1\*X\*005010X231A1$/);
    expect(body(ack)).toEqual(['AK1*HC*101*005010X222A1', 'AK2*837*0001*005010X222A1', 'IK5*A', 'AK9*A*1*1*1']);
    expect(segments.slice(-3)).toEqual([`SE*${body(ack).length + 2}*0001`, 'GE*1*1', 'IEA*1*000000001']);
  });

  it('notes a count or control number that disagrees as accepted with errors', () => {
    const miscounted = editSegments(professional, (segments) => segments.map((s) => (s.startsWith('SE*') ? 'SE*12*0009' : s.startsWith('GE*') ? 'GE*4*101' : s)));
    expect(body(render999(parseX12(miscounted).acknowledgments, AT))).toEqual(['AK1*HC*101*005010X222A1', 'AK2*837*0001*005010X222A1', 'IK5*E*4*3', 'AK9*E*4*1*1*5']);
  });

  it('rejects a broken set and partly accepts its group', () => {
    expect(body(render999(parseX12(withBrokenSecondSet(professional)).acknowledgments, AT))).toEqual([
      'AK1*HC*101*005010X222A1',
      'AK2*837*0001*005010X222A1',
      'IK5*A',
      'AK2*837*0002*005010X222A1',
      'IK5*R*I5',
      'AK9*P*2*2*1',
    ]);
  });

  it('rejects a group of a version it does not read, and its sets', () => {
    const reader = new EnvelopeReader(() => undefined);
    const segments = new SegmentReader();
    for (const segment of [...segments.push(professional.replace('*X*005010X222A1~', '*X*004010X098A1~')), ...segments.end()]) reader.accept(segment);
    reader.finish();
    expect(body(render999(reader.acknowledgments, AT))).toEqual(['AK1*HC*101*004010X098A1', 'AK2*837*0001*005010X222A1', 'IK5*R*1', 'AK9*R*1*1*0*2']);
  });

  it('writes an envelope whose own counts and control numbers hold', () => {
    const ack = render999(parseX12(professional + professional.replaceAll('000000101', '000000102')).acknowledgments, AT);
    const reader = new EnvelopeReader(() => undefined);
    const segments = new SegmentReader();
    for (const segment of [...segments.push(ack), ...segments.end()]) reader.accept(segment);
    reader.finish();
    // The 999 is not an 837, so its sets are refused; its envelopes raise no warning.
    expect(reader.findings.filter((finding) => finding.severity === 'warning')).toEqual([]);
    expect(segmentsOf(ack).filter((s) => s.startsWith('IEA*'))).toEqual(['IEA*1*000000001', 'IEA*1*000000002']);
  });
});
