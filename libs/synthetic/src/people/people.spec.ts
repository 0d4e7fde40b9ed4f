import { isValidNpi, isoDateToEpochDay } from '@ade/healthcare';
import { describe, expect, it } from 'vitest';
import { MemberPopulation } from './members';
import { ProviderDirectory } from './providers';
import { scramble } from './scramble';

describe('scramble', () => {
  it('is a permutation', () => {
    const seen = new Set(Array.from({ length: 1000 }, (_, index) => scramble(index, 1000, 17)));
    expect(seen.size).toBe(1000);
  });
});

describe('MemberPopulation', () => {
  const firstServiceDay = isoDateToEpochDay('2025-01-01')!;
  const population = new MemberPopulation(4, 1000, ['NY', 'TX'], firstServiceDay);

  it('returns the same member for the same index', () => {
    expect(population.at(17)).toEqual(population.at(17));
    expect(population.at(17)).not.toEqual(population.at(18));
  });

  it('gives unique ids, births before service and plans of the member state', () => {
    const members = Array.from({ length: 1000 }, (_, index) => population.at(index));
    expect(new Set(members.map((member) => member.memberId)).size).toBe(1000);
    for (const member of members) {
      expect(member.birthDay).toBeLessThan(firstServiceDay);
      expect(['NY', 'TX']).toContain(member.state);
      expect(member.plan.startsWith(`${member.state} `)).toBe(true);
    }
    const children = members.filter((member) => firstServiceDay - member.birthDay < 18 * 365).length;
    expect(children / members.length).toBeGreaterThan(0.3);
  });
});

describe('ProviderDirectory', () => {
  it('derives valid, distinct NPIs per role', () => {
    const providers = new ProviderDirectory(9, 500, 6);
    const billing = Array.from({ length: 500 }, (_, group) => providers.billingNpi(group));
    const rendering = Array.from({ length: 3000 }, (_, index) => providers.renderingNpi(Math.floor(index / 6), index % 6));
    for (const npi of [...billing, ...rendering]) expect(isValidNpi(npi)).toBe(true);
    expect(new Set(billing).size).toBe(500);
    expect(new Set(rendering).size).toBe(3000);
  });
});
