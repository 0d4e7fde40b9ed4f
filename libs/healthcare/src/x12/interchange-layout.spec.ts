import { describe, expect, it } from 'vitest';
import { parseX12 } from './parse-x12';
import { editSegments, readFixture, segmentsOf } from './test/x12-fixtures';

const professional = readFixture('837p-two-claims.x12');
const expected = parseX12(professional);

/** The ST..SE of the fixture under a new control number, SE02 to match. */
function transactionSet(text: string, controlNumber: string): string[] {
  const segments = segmentsOf(text);
  const st = segments.findIndex((segment) => segment.startsWith('ST*'));
  const se = segments.findIndex((segment) => segment.startsWith('SE*'));
  return segments
    .slice(st, se + 1)
    .map((segment) => segment.replace(/^ST\*837\*0001\*/, `ST*837*${controlNumber}*`).replace(/^SE\*(\d+)\*0001$/, `SE*$1*${controlNumber}`));
}

describe('parseX12 interchange layouts', () => {
  it('accumulates two transaction sets (ST/SE) of one functional group', () => {
    const second = transactionSet(professional, '0002').map((segment) => segment.replace('CLM*PCN000', 'CLM*PCN100'));
    const text = editSegments(professional, (segments) => [...segments.slice(0, -3), segments.at(-3) as string, ...second, 'GE*2*101', segments.at(-1) as string]);
    const batch = parseX12(text);
    expect(batch).toMatchObject({ claims: 4, lines: 6 });
    expect(batch.rows.map((row) => row.claim_id)).toEqual(['PCN0001', 'PCN0001', 'PCN0002', 'PCN1001', 'PCN1001', 'PCN1002']);
  });

  it('accumulates two functional groups (GS/GE) of one interchange', () => {
    const segments = segmentsOf(professional);
    const secondGroup = segments.slice(1, -1).map((segment) => segment.replace('*101*X*', '*102*X*').replace(/^GE\*1\*101$/, 'GE*1*102'));
    const text = editSegments(professional, () => [segments[0] as string, ...segments.slice(1, -1), ...secondGroup, 'IEA*2*000000101']);
    expect(parseX12(text)).toMatchObject({ claims: 4, lines: 6 });
  });

  it('reads "~" terminators with no line breaks at all', () => {
    const text = professional.replaceAll('~\n', '~');
    expect(text).not.toContain('\n');
    expect(parseX12(text)).toEqual(expected);
  });

  it('reads "~" followed by CRLF, and a leading BOM', () => {
    expect(parseX12(professional.replaceAll('~\n', '~\r\n'))).toEqual(expected);
    expect(parseX12(`\uFEFF${professional}`)).toEqual(expected);
  });

  it('uses the delimiters the ISA declares (| elements, > components, newline-free)', () => {
    const text = professional.replaceAll('*', '|').replaceAll(':', '>').replaceAll('~\n', '~');
    // The acknowledgments keep the ISA as received, its own separators included.
    const { acknowledgments: _read, ...read } = parseX12(text);
    const { acknowledgments: _expected, ...rest } = expected;
    expect(read).toEqual(rest);
  });

  it('reports the same segment position whatever the line breaks', () => {
    const broken = professional.replace(/SE\*48\*0001/, 'SE*40*0001');
    const positions = [broken, broken.replaceAll('~\n', '~'), broken.replaceAll('~\n', '~\r\n')].map((text) => parseX12(text).findings.map((f) => `${f.segment}@${f.position}`));
    expect(positions).toEqual([['SE@50'], ['SE@50'], ['SE@50']]);
  });
});
