import { describe, expect, it } from 'vitest';
import { isSnomedConceptId, verhoeffValid } from './snomed-ct';

/** Concepts Synthea's exports carry (and the root of the hierarchy), by their published ids. */
const CONCEPTS = ['138875005', '44054006', '38341003', '195662009', '10509002', '162864005', '15777000', '444814009', '840539006', '386661006', '197480006'];

describe('SNOMED CT concept ids', () => {
  it('accepts published concept ids', () => {
    for (const id of CONCEPTS) expect(isSnomedConceptId(id), id).toBe(true);
  });

  it('refuses a wrong check digit: every other last digit of a published id fails', () => {
    for (const id of CONCEPTS) {
      const others = '0123456789'.split('').filter((digit) => digit !== id.at(-1));
      for (const digit of others) expect(isSnomedConceptId(id.slice(0, -1) + digit), `${id} -> ${digit}`).toBe(false);
    }
  });

  it('refuses two neighbouring digits swapped, the error Verhoeff catches and Luhn may not', () => {
    expect(isSnomedConceptId('44504006')).toBe(false);
    expect(isSnomedConceptId('38314003')).toBe(false);
  });

  it('refuses ids outside a concept partition, too short or too long, with a leading zero, or not digits', () => {
    // Description ids (partition 01) of published concepts: valid SCTIDs, but not concepts.
    for (const description of ['750827015', '36112013']) expect(isSnomedConceptId(description), description).toBe(false);
    expect(isSnomedConceptId('900000000000207008')).toBe(true);
    // A long-format concept id of an extension (item 12, namespace 1000000, partition 10), its check digit computed.
    expect(isSnomedConceptId('121000000102')).toBe(true);
    // A leading zero nine places from the right leaves Verhoeff's sum alone: the format still refuses it.
    expect(verhoeffValid('044054006')).toBe(true);
    expect(isSnomedConceptId('044054006')).toBe(false);
    for (const bad of ['12345', '0044054006', '1234567890123456789', '44054006 ', 'E11.9', '', '4405400６']) {
      expect(isSnomedConceptId(bad), bad).toBe(false);
    }
  });

  it('runs Verhoeff over every position, the permutation cycling after eight', () => {
    expect(verhoeffValid('2363')).toBe(true);
    expect(verhoeffValid('2364')).toBe(false);
    expect(verhoeffValid('0')).toBe(true);
    // Published concepts whose check needs the eighth permutation (digits nine places from the right).
    expect(verhoeffValid('750827015')).toBe(true);
    expect(verhoeffValid('195662009')).toBe(true);
  });
});
