import { describe, expect, it } from 'vitest';
import { isHcpcsLevel2Format } from '../formats/procedure-code-format';
import { loadHcpcsLevel2CodeLists, loadHcpcsLevel2Codes, loadHcpcsLevel2Modifiers } from './hcpcs-level2';
import { loadPlaceOfServiceCodes } from './place-of-service';
import { loadStateCodes } from './state-codes';

describe('HCPCS Level II', () => {
  it('discovers the quarterly lists by file name, oldest first', () => {
    const lists = loadHcpcsLevel2CodeLists();
    expect([...lists.keys()]).toEqual(['2025q4', '2026q3']);
    expect(lists.get('2025q4')!.size).toBe(8_463);
  });

  it('serves the newest list as the current one', () => {
    const codes = loadHcpcsLevel2Codes();
    expect(codes.size).toBe(8_725);
    expect(codes).toBe(loadHcpcsLevel2Codes());
    expect([...codes].every(isHcpcsLevel2Format)).toBe(true);
    expect(codes.has('G0008')).toBe(true);
  });

  it('reads the Level II modifiers', () => {
    const modifiers = loadHcpcsLevel2Modifiers();
    expect(modifiers.size).toBe(375);
    expect(modifiers.has('LT')).toBe(true);
    expect(modifiers.has('RT')).toBe(true);
    expect([...modifiers.keys()].every((modifier) => /^[A-Z0-9]{2}$/.test(modifier))).toBe(true);
  });
});

describe('place of service', () => {
  it('reads all 52 CMS codes with their names', () => {
    const codes = loadPlaceOfServiceCodes();
    expect(codes.size).toBe(52);
    expect(codes.get('11')).toBe('Office');
    expect(codes.has('27')).toBe(true);
    expect(codes.has('66')).toBe(true);
    expect(codes.has('00')).toBe(false);
    expect(codes).toBe(loadPlaceOfServiceCodes());
  });
});

describe('state codes', () => {
  it('has the 50 states, DC and five territories', () => {
    const states = loadStateCodes();
    expect(states.size).toBe(56);
    expect(states.get('DC')).toBe('District of Columbia');
    expect(states.get('NY')).toBe('New York');
    expect(states.has('PR')).toBe(true);
    expect(states).toBe(loadStateCodes());
  });
});
