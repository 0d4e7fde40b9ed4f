import { describe, expect, it } from 'vitest';
import { parseX12 } from './parse-x12';
import { X12Error } from './x12-error';
import { editClaims, indexOf, readFixture, segmentsOf } from './test/x12-fixtures';

const professional = readFixture('837p-two-claims.x12');
const institutional = readFixture('837i-two-claims.x12');

function parseError(text: string): X12Error {
  try {
    parseX12(text);
  } catch (error) {
    if (error instanceof X12Error) return error;
    throw error;
  }
  throw new Error('parseX12 accepted a malformed claim');
}

/** Where `prefix` (the `nth` one) sits in an edited interchange, 1-based. */
function positionIn(text: string, prefix: string, nth = 1): number {
  return indexOf(segmentsOf(text), prefix, nth) + 1;
}

describe('parseX12 claim structure', () => {
  it('refuses a claim (CLM) with no service line, naming the CLM', () => {
    const text = editClaims(professional, (segments) => segments.slice(0, indexOf(segments, 'LX*1', 2)).concat(segments.slice(indexOf(segments, 'SE*'))));
    const error = parseError(text);
    expect(error).toMatchObject({ segment: 'CLM', position: positionIn(text, 'CLM*', 2), code: 'claim_structure_invalid' });
    expect(error.message).not.toContain('PCN0002');
  });

  it('refuses a claim closed by the next HL before any line', () => {
    const text = editClaims(professional, (segments) => {
      const lx = indexOf(segments, 'LX*1');
      const nextHl = indexOf(segments, 'HL*3');
      return [...segments.slice(0, lx), ...segments.slice(nextHl)];
    });
    expect(parseError(text)).toMatchObject({ segment: 'CLM', position: positionIn(text, 'CLM*') });
  });

  it('refuses a service line (LX) before any claim in its hierarchical level', () => {
    const text = editClaims(professional, (segments) => {
      const clm = indexOf(segments, 'CLM*', 2);
      return [...segments.slice(0, clm), 'LX*1', 'SV1*HC:99213*10*UN*1***1', ...segments.slice(clm)];
    });
    expect(parseError(text)).toMatchObject({ segment: 'LX', position: positionIn(text, 'LX*1', 2), code: 'claim_structure_invalid' });
  });

  it('refuses an SV1 with no LX before it', () => {
    const text = editClaims(professional, (segments) => segments.filter((segment) => segment !== 'LX*1'));
    expect(parseError(text)).toMatchObject({ segment: 'SV1', position: positionIn(text, 'SV1*') });
  });

  it('refuses an LX that carries no SV1, naming the missing SV1 where its loop began', () => {
    const text = editClaims(professional, (segments) => segments.filter((segment) => !segment.startsWith('SV1*HC:G0008')));
    expect(parseError(text)).toMatchObject({ segment: 'SV1', position: positionIn(text, 'LX*2'), code: 'claim_structure_invalid' });
    expect(parseError(text).message).toMatch(/SV1 is required in loop 2400/);
  });

  it('refuses an SV2 in an 837P and two services in one line', () => {
    const sv2 = editClaims(professional, (segments) => segments.map((segment) => (segment.startsWith('SV1*HC:G0008') ? 'SV2*0250**50*UN*1' : segment)));
    expect(parseError(sv2)).toMatchObject({ segment: 'SV2', position: positionIn(sv2, 'SV2*') });
    const twice = editClaims(institutional, (segments) => {
      const sv2Index = indexOf(segments, 'SV2*0120');
      return [...segments.slice(0, sv2Index + 1), 'SV2*0121**10*DA*1', ...segments.slice(sv2Index + 1)];
    });
    expect(parseError(twice)).toMatchObject({ segment: 'SV2', position: positionIn(twice, 'SV2*0121') });
  });

  it('refuses a subscriber segment outside a subscriber level and an HI outside a claim header', () => {
    // Without HL*2 (2000B) the guide finds its SBR first, in the billing provider's loop.
    const noSubscriber = editClaims(professional, (segments) => segments.filter((segment) => !segment.startsWith('HL*2*')));
    expect(parseError(noSubscriber)).toMatchObject({ segment: 'SBR', position: positionIn(noSubscriber, 'SBR*') });
    expect(parseError(noSubscriber).message).toMatch(/SBR is not expected in loop 2010AA \(loop 2010AA\); transaction set 0001 rejected$/);
    const hiInLine = editClaims(professional, (segments) => {
      const dtp = indexOf(segments, 'DTP*472');
      return [...segments.slice(0, dtp + 1), 'HI*ABF:R509', ...segments.slice(dtp + 1)];
    });
    expect(parseError(hiInLine)).toMatchObject({ segment: 'HI', position: positionIn(hiInLine, 'HI*ABF:R509') });
  });

  it('refuses more diagnoses than the schema has columns rather than dropping one', () => {
    const thirteen = Array.from({ length: 12 }, () => 'ABF:R509').join('*');
    const text = editClaims(professional, (segments) => {
      const hi = indexOf(segments, 'HI*');
      return [...segments.slice(0, hi + 1), `HI*${thirteen}`, ...segments.slice(hi + 1)];
    });
    expect(parseError(text)).toMatchObject({ segment: 'HI', position: positionIn(text, 'HI*', 2), code: 'claim_structure_invalid' });
  });

  it('ignores NM1 and DTP of other-payer loops (2320/2330) instead of overwriting the claim providers', () => {
    const text = editClaims(professional, (segments) => {
      const lx = indexOf(segments, 'LX*1');
      const cob = ['SBR*S*18*******CI', 'OI***Y***Y', 'NM1*IL*1*OTHER*PERSON****MI*OTHER123', 'NM1*PR*2*OTHER PLAN*****PI*OTHERPAYER', 'NM1*82*2******XX*1444444446'];
      return [...segments.slice(0, lx), ...cob, ...segments.slice(lx)];
    });
    const [row] = parseX12(text).rows;
    expect(row).toMatchObject({ member_id: 'MCD000111', payer: 'STATE MEDICAID', rendering_npi: '1987654328' });
  });
});
