import { describe, expect, it } from 'vitest';
import { isValidNpi, npiCheckDigit } from './npi';

describe('npiCheckDigit', () => {
  it('computes the CMS example digit (prefix 80840 included)', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
  });

  it('differs from a plain Luhn over the nine digits alone, which would give 7', () => {
    // Guards against forgetting the 80840 prefix: a bare Luhn of 123456789 yields 7.
    expect(npiCheckDigit('123456789')).not.toBe(7);
  });

  it('gives a digit that makes the full NPI valid for many prefixes', () => {
    for (let n = 0; n < 2000; n += 1) {
      const first9 = String(100000000 + n * 4999).slice(0, 9);
      expect(isValidNpi(first9 + String(npiCheckDigit(first9)))).toBe(true);
    }
  });

  it.each(['12345678', '1234567890', '12345678a', '', ' 23456789', '１２３４５６７８９'])(
    'rejects %j as input',
    (input) => {
      expect(() => npiCheckDigit(input)).toThrow(RangeError);
    },
  );
});

describe('isValidNpi', () => {
  it.each(['1234567893', '1245319599', '1003000126', '2000000002'])('accepts %s', (npi) => {
    expect(isValidNpi(npi)).toBe(true);
  });

  it('rejects every wrong check digit', () => {
    for (let digit = 0; digit <= 9; digit += 1) {
      if (digit === 3) continue;
      expect(isValidNpi(`123456789${digit}`)).toBe(false);
    }
  });

  it('rejects a transposition of two adjacent digits', () => {
    expect(isValidNpi('1234567983')).toBe(false);
  });

  it.each([
    ['first digit 0', '0234567893'],
    ['first digit 3', '3234567893'],
    ['nine digits', '123456789'],
    ['eleven digits', '12345678930'],
    ['80840 prefix written out', '808401234567893'],
    ['a letter', '123456789X'],
    ['leading space', ' 1234567893'],
    ['trailing newline', '1234567893\n'],
    ['dashes', '123-456-7893'],
    ['empty', ''],
    ['full-width digits', '１２３４５６７８９３'],
  ])('rejects %s', (_label, value) => {
    expect(isValidNpi(value)).toBe(false);
  });
});

describe('npiCheckDigit edges', () => {
  it('names the input it needs', () => {
    expect(() => npiCheckDigit('12345678')).toThrowError('npiCheckDigit needs exactly nine ASCII digits');
  });

  it('agrees with a Luhn digit computed independently (Python, over 80840 and the nine digits)', () => {
    expect(['000000000', '000000001', '000000002', '000000005', '000000009', '999999999', '555555555'].map(npiCheckDigit)).toEqual([
      6, 4, 2, 5, 7, 5, 1,
    ]);
  });
});

