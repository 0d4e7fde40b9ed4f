import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from './parse-csv';

describe('parseCsv', () => {
  it('splits plain rows with LF or CRLF', () => {
    expect(parseCsv('a,b\n1,2\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('handles quotes, doubled quotes, commas and newlines inside quotes', () => {
    expect(parseCsv('"x, y","say ""hi""","two\r\nlines"\n')).toEqual([['x, y', 'say "hi"', 'two\r\nlines']]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(parseCsv('a,,c,\n')).toEqual([['a', '', 'c', '']]);
  });

  it('drops a BOM and ignores one trailing newline', () => {
    expect(parseCsv('\ufeffa,b\n')).toEqual([['a', 'b']]);
  });

  it('keeps a blank line as a row with one empty field', () => {
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('"abc')).toThrow(SyntaxError);
  });
});

describe('parseCsvRecords', () => {
  it('keys rows by the header', () => {
    expect(parseCsvRecords('code,name\n"01","Alabama"\n')).toEqual([{ code: '01', name: 'Alabama' }]);
  });

  it('rejects ragged rows', () => {
    expect(() => parseCsvRecords('a,b\n1\n')).toThrow(/row 2/);
  });
});

describe('tab-delimited', () => {
  it('uses the same rules with another delimiter', () => {
    expect(parseCsvRecords('a\tb\n1,5\t2\n', '\t')).toEqual([{ a: '1,5', b: '2' }]);
  });
});
