import { describe, expect, it } from 'vitest';
import { SegmentReader } from './segment-reader';
import { X12Error } from './x12-error';
import { readFixture, segmentsOf } from './test/x12-fixtures';

const professional = readFixture('837p-two-claims.x12');

/** Every segment of `text` fed in chunks of `size` characters, as tag@position. */
function read(text: string, size: number): string[] {
  const reader = new SegmentReader();
  const seen: string[] = [];
  for (let at = 0; at < text.length; at += size) seen.push(...reader.push(text.slice(at, at + size)).map((s) => `${s.tag}@${s.position}`));
  seen.push(...reader.end().map((s) => `${s.tag}@${s.position}`));
  return seen;
}

describe('SegmentReader', () => {
  const expected = segmentsOf(professional).map((segment, index) => `${segment.split('*')[0]}@${index + 1}`);

  it('gives the same segments whatever the chunks the text arrives in, the ISA split across them too', () => {
    for (const size of [1, 7, 105, 106, 4096, professional.length]) expect(read(professional, size), `chunks of ${size}`).toEqual(expected);
  });

  it('splits elements and keeps empty ones, with the component separator the ISA declares', () => {
    const reader = new SegmentReader();
    const [isa, gs] = reader.push(professional);
    expect(isa!.elements).toHaveLength(16);
    expect(isa!.elements[12]).toBe('000000101');
    expect(gs).toMatchObject({ tag: 'GS', position: 2, componentSeparator: ':' });
    expect(reader.push('')).toEqual([]);
  });

  it('skips line breaks and stray terminators between segments without counting them', () => {
    const text = professional.replace('~\n', '~\r\n\r\n~\n');
    expect(read(text, 50)).toEqual(expected);
  });

  it('reads a later interchange by its own element and component separators', () => {
    const second = professional.replaceAll('*', '|').replace('|:~', '|^~');
    const reader = new SegmentReader();
    const segments = [...reader.push(professional + second), ...reader.end()];
    const secondIsa = segments[expected.length]!;
    expect(secondIsa).toMatchObject({ tag: 'ISA', position: expected.length + 1, componentSeparator: '^' });
    expect(segments[expected.length + 1]).toMatchObject({ tag: 'GS', elements: expect.arrayContaining(['HC']) });
  });

  it('refuses a later ISA that is not 106 characters ending in the first one\'s terminator, at its position', () => {
    const reader = new SegmentReader();
    const second = professional.replace('ADESUBMITTER   *', 'ADESUBMITTER  *');
    expect(() => reader.push(professional + second)).toThrow(new X12Error('envelope_invalid', 'ISA', expected.length + 1, "a later interchange (ISA) does not have the fixed 106-character layout ending in the first interchange's segment terminator"));
  });

  it('says what is wrong when the text ends before a whole ISA', () => {
    const reader = new SegmentReader();
    expect(reader.push('\uFEFF\n ISA*00*')).toEqual([]);
    expect(() => reader.end()).toThrow(/ISA is shorter than its fixed 106 characters/);
  });
});
