import { describe, expect, it } from 'vitest';
import { parseX12 } from '../parse-x12';
import { render999 } from '../render-999';
import { editClaims, indexOf, positionOf, readFixture, segmentsOf } from '../test/x12-fixtures';
import { X12Error } from '../x12-error';
import { implementationGuide } from './implementation-guide';

const professional = readFixture('837p-two-claims.x12');
const institutional = readFixture('837i-two-claims.x12');
const AT = new Date('2026-12-07T00:00:00Z');

function refusal(text: string): X12Error {
  try {
    parseX12(text);
  } catch (error) {
    if (error instanceof X12Error) return error;
    throw error;
  }
  throw new Error('parseX12 accepted the set');
}

/** A segment replaced (the first starting with `prefix`), SE01 kept true. */
const replacing = (text: string, prefix: string, replacement: string) => editClaims(text, (segments) => segments.map((s, i) => (i === indexOf(segments, prefix) ? replacement : s)));
/** The IK3, IK4 and IK5 of the file's 999, also when no set could be read. */
function ack(text: string): string[] {
  let acknowledgments;
  try {
    acknowledgments = parseX12(text).acknowledgments;
  } catch (error) {
    acknowledgments = (error as X12Error).acknowledgments!;
  }
  return segmentsOf(render999(acknowledgments, AT)).filter((s) => /^(IK3|IK4|IK5)\*/.test(s));
}

describe('the 837 implementation guides as data', () => {
  it.each(['837P', '837I'] as const)('%s: every loop opens under loops that exist, holds its own trigger, and every element has min <= max', (kind) => {
    const guide = implementationGuide(kind);
    for (const [id, loop] of Object.entries(guide.loops)) {
      for (const parent of loop.parents) expect(guide.loops[parent], `${id} under ${parent}`).toBeDefined();
      if (loop.trigger) expect(loop.segments[loop.trigger.segment], `${id} holds ${loop.trigger.segment}`).toBe('R');
    }
    for (const [tag, elements] of Object.entries(guide.elements)) {
      for (const element of elements.flatMap((e) => ('components' in e ? e.components : [e]))) expect(element.min <= element.max, tag).toBe(true);
    }
  });

  it('reads the fixtures of both guides with no finding', () => {
    expect(parseX12(professional).findings).toEqual([]);
    expect(parseX12(institutional).findings).toEqual([]);
  });
});

describe('checking a transaction set against its guide', () => {
  it('rejects a segment id the transaction set does not have, naming it, its position and its loop', () => {
    const text = editClaims(professional, (segments) => [...segments.slice(0, indexOf(segments, 'HI*')), 'ZZZ*1', ...segments.slice(indexOf(segments, 'HI*'))]);
    const error = refusal(text);
    expect(error).toMatchObject({ segment: 'ZZZ', position: positionOf(text, 'ZZZ*'), code: 'claim_structure_invalid' });
    expect(error.message).toMatch(/ZZZ is not a segment of this transaction set \(loop 2300\)/);
    expect(ack(text)).toEqual([`IK3*ZZZ*${positionOf(text, 'ZZZ*') - 2}*2300*6`, 'IK5*R*I5']);
  });

  it('rejects an entity code no loop takes (NM101), with the element in the 999', () => {
    const text = replacing(professional, 'NM1*82*', 'NM1*XY*1*SMITH*ALEX****XX*1987654328');
    const error = refusal(text);
    expect(error.message).toMatch(/NM101 is not a code the guide allows for this segment \(loop 2300\)/);
    const position = positionOf(text, 'NM1*XY') - 2;
    expect(ack(text)).toEqual([`IK3*NM1*${position}*2300*8`, 'IK4*1**7', 'IK5*R*I5']);
    // The segments after it (its PRV, then the lines) are not reported again: the error does not cascade.
    expect(parseX12(text.replace('SV1*HC:99213:25*110', 'SV1*HC:99213:25*11O') + professional).findings.filter((f) => f.severity === 'error').map((f) => f.element ?? f.segment)).toEqual(['NM101', 'SV102']);
  });

  it('rejects a segment out of its loop order: a submitter contact inside a service line', () => {
    const text = editClaims(professional, (segments) => [...segments.slice(0, indexOf(segments, 'DTP*472') + 1), 'PER*IC*OFFICE*TE*5555550100', ...segments.slice(indexOf(segments, 'DTP*472') + 1)]);
    expect(refusal(text)).toMatchObject({ segment: 'PER', position: positionOf(text, 'PER*IC*OFFICE') });
    expect(refusal(text).message).toMatch(/PER is not expected in loop 2400/);
  });

  it('closes loops as X12 does: a segment of an enclosing loop ends the inner ones', () => {
    // PAT belongs to the subscriber level (2000B): after a line it closes the claim, and the next LX has no claim to open under.
    const text = editClaims(professional, (segments) => [...segments.slice(0, indexOf(segments, 'DTP*472') + 1), 'PAT*19', ...segments.slice(indexOf(segments, 'DTP*472') + 1)]);
    expect(refusal(text)).toMatchObject({ segment: 'LX', position: positionOf(text, 'LX*2') });
  });

  it('rejects a missing required element and a required segment missing from its loop', () => {
    expect(refusal(replacing(professional, 'CLM*PCN0001', 'CLM**160***11:B:1*Y*A*Y*Y')).message).toMatch(/CLM01 is required \(loop 2300\)/);
    expect(refusal(replacing(professional, 'CLM*PCN0001', 'CLM*PCN0001*160***11:X:1*Y*A*Y*Y')).message).toMatch(/CLM05-2 is not a code the guide allows here/);
    const noN4 = editClaims(professional, (segments) => segments.filter((_, i) => i !== indexOf(segments, 'N4*')));
    expect(refusal(noN4).message).toMatch(/N4 is required in loop 2010AA/);
  });

  it('checks element types and lengths: a charge that is no number, a unit code too long', () => {
    expect(refusal(replacing(professional, 'SV1*HC:G0008', 'SV1*HC:G0008*5O*UN*1***3')).message).toMatch(/SV102 is not a number/);
    expect(refusal(replacing(professional, 'SV1*HC:G0008', 'SV1*HC:G0008*50*UNX*1***3')).message).toMatch(/SV103 is longer than 2 characters/);
  });

  it('notes a situational problem and lands the claims: an unknown claim filing code, a not-used element sent', () => {
    const text = replacing(replacing(professional, 'SBR*P*18', 'SBR*P*18*******Q9'), 'NM1*85', 'NM1*85*2*SYNTHETIC FAMILY CLINIC***X**XX*1234567893');
    const batch = parseX12(text);
    expect(batch).toMatchObject({ claims: 2, transactionSets: { accepted: 1, rejected: 0 } });
    expect(batch.findings.map((f) => [f.severity, f.segment, f.element, f.loop])).toEqual([
      ['warning', 'NM1', 'NM106', '2010AA'],
      ['warning', 'SBR', 'SBR09', '2000B'],
    ]);
    expect(ack(text).at(-1)).toBe('IK5*E*I5');
  });

  it('lets a date that is no date land as a warning, for the row rule to quarantine that row alone', () => {
    const batch = parseX12(replacing(professional, 'DMG*D8*19800115', 'DMG*D8*19800231*F'));
    expect(batch.findings.map((f) => [f.severity, f.element])).toEqual([['warning', 'DMG02']]);
    expect(batch.rows[0]).toMatchObject({ patient_birth_date: '1980-02-31' });
  });

  it('reads an 837I by its own guide: an attending provider loop, not a professional rendering one', () => {
    const text = replacing(institutional, 'NM1*71*1*SMITH', 'NM1*DQ*1*SMITH*ALEX****XX*1777777776');
    expect(refusal(text).message).toMatch(/NM101 is not a code the guide allows for this segment|NM1 is not expected in loop 2300/);
  });
});
