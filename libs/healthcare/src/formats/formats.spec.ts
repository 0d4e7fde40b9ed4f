import { describe, expect, it } from 'vitest';
import {
  isIcd10CmDotlessFormat,
  isIcd10CmDottedFormat,
  isIcd10CmFormat,
  toDottedIcd10Cm,
  toDotlessIcd10Cm,
} from './icd10cm-format';
import { isCptCategoryIFormat, isCptFormat, isHcpcsLevel2Format, isProcedureCodeFormat } from './procedure-code-format';

describe('ICD-10-CM format', () => {
  it.each(['I10', 'E11.9', 'M54.50', 'S72.001A', 'T74.A1XA', 'C4A.9', 'Z3A.01', 'U07.1', 'QA0.0101', 'QA0.8'])('accepts dotted %s', (code) => {
    expect(isIcd10CmDottedFormat(code)).toBe(true);
    expect(isIcd10CmFormat(code)).toBe(true);
  });

  it.each(['11E.9X', 'E1', 'E11.', 'E1.19', 'E11.91234', '1E1.9', 'e11.9', 'E-1.9', 'E119.9', 'E11 9', '', 'E11..9'])(
    'rejects malformed %j',
    (code) => {
      expect(isIcd10CmFormat(code)).toBe(false);
    },
  );

  it('tells the two spellings apart', () => {
    expect(isIcd10CmDotlessFormat('E119')).toBe(true);
    expect(isIcd10CmDotlessFormat('E11.9')).toBe(false);
    expect(isIcd10CmDottedFormat('E119')).toBe(false);
  });

  it('converts between spellings', () => {
    expect(toDottedIcd10Cm('E119')).toBe('E11.9');
    expect(toDottedIcd10Cm('S72001A')).toBe('S72.001A');
    expect(toDottedIcd10Cm('I10')).toBe('I10');
    expect(toDotlessIcd10Cm('S72.001A')).toBe('S72001A');
    expect(toDotlessIcd10Cm('I10')).toBe('I10');
  });
});

describe('procedure code format', () => {
  it('accepts CPT Category I, II and III shapes', () => {
    expect(isCptCategoryIFormat('12345')).toBe(true);
    expect(isCptFormat('0001F')).toBe(true);
    expect(isCptFormat('0042T')).toBe(true);
    expect(isCptCategoryIFormat('0042T')).toBe(false);
  });

  it('accepts HCPCS Level II', () => {
    expect(isHcpcsLevel2Format('J3420')).toBe(true);
    expect(isProcedureCodeFormat('G0008')).toBe(true);
  });

  it.each(['9921', '123456', 'J123', 'AB123', 'J12345', '12A45', 'j3420', '', ' 12345'])('rejects %j', (code) => {
    expect(isProcedureCodeFormat(code)).toBe(false);
  });
});

describe('format anchors: a code is the whole value, never a part of it', () => {
  it.each(['xE11.9', 'E11.9x', '1E119', 'E1199999'])('rejects ICD-10-CM %j', (code) => {
    expect(isIcd10CmFormat(code)).toBe(false);
  });

  it('tells the two ICD-10-CM spellings apart', () => {
    expect(isIcd10CmDottedFormat('xE11.9')).toBe(false);
    expect(isIcd10CmDotlessFormat('xE119')).toBe(false);
    expect(isIcd10CmDotlessFormat('E11.9')).toBe(false);
    expect(isIcd10CmDottedFormat('E119')).toBe(false);
  });

  it.each(['12345F', '0001FX', '1234T5', 'X0001F'])('rejects CPT %j', (code) => {
    expect(isCptFormat(code)).toBe(false);
    expect(isProcedureCodeFormat(code)).toBe(false);
  });

  it.each(['XA1234', 'A12345', '1A1234'])('rejects HCPCS %j', (code) => {
    expect(isHcpcsLevel2Format(code)).toBe(false);
    expect(isProcedureCodeFormat(code)).toBe(false);
  });
});

