import { describe, expect, it } from 'vitest';
import { parseX12 } from '@ade/healthcare';
import { Random } from '../random/random';
import { claimsFromRows, inInterchangeOrder, professional837 } from './professional-837';
import { randomProfessionalClaims } from './random-professional-claims';

/**
 * Generated 837Ps round-trip: generate → parse → canonical rows → regenerate gives back the same
 * interchange, so nothing the parser maps (claim and member ids, names, birth date, sex, payer,
 * billing and rendering NPIs, every diagnosis, each line's code, modifiers, dates, place of
 * service, units and charge) is lost or changed on the way.
 */
describe('837P round trip', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %i: the regenerated interchange is the one generated', (seed) => {
    const random = new Random(seed);
    const claims = randomProfessionalClaims(random, random.int(1, 8));
    const text = professional837(claims);
    const batch = parseX12(text);
    expect(batch.findings).toEqual([]);
    expect(batch.claims).toBe(claims.length);
    expect(batch.lines).toBe(claims.reduce((sum, claim) => sum + claim.lines.length, 0));
    expect(claimsFromRows(batch.rows)).toEqual(inInterchangeOrder(claims));
    expect(professional837(claimsFromRows(batch.rows))).toBe(text);
  });
});
