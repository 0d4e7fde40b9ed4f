import { isValidNpi, isoDateToEpochDay } from '@ade/healthcare';
import { describe, expect, it } from 'vitest';
import { Random } from '../random/random';
import { EnrollmentSpans } from './enrollment';
import { MemberPopulation } from './members';
import { ProviderDirectory } from './providers';
import { scramble, unscramble } from './scramble';

describe('scramble', () => {
  it('is a permutation', () => {
    const seen = new Set(Array.from({ length: 1000 }, (_, index) => scramble(index, 1000, 17)));
    expect(seen.size).toBe(1000);
  });

  it('is undone by unscramble', () => {
    for (const [modulus, offset] of [[1000, 17], [100_000_000, 98_765_432], [1_000_000_000, 5]] as const) {
      for (const index of [0, 1, 2, 999, 123, modulus - 1]) expect(unscramble(scramble(index, modulus, offset), modulus, offset)).toBe(index);
    }
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

describe('MemberPopulation former members', () => {
  it('come after the current ones, as distinct people', () => {
    const population = new MemberPopulation(4, 100, ['NY'], isoDateToEpochDay('2025-01-01')!, 5);
    expect(population.formerAt(0)).toEqual(population.at(100));
    const ids = new Set([...Array.from({ length: 100 }, (_, i) => population.at(i)), ...Array.from({ length: 5 }, (_, i) => population.formerAt(i))].map((m) => m.memberId));
    expect(ids.size).toBe(105);
  });
});

describe('EnrollmentSpans', () => {
  const firstServiceDay = isoDateToEpochDay('2025-01-01')!;
  const lastClaimDay = isoDateToEpochDay('2027-08-15')!;
  const population = new MemberPopulation(8, 2000, ['TX', 'FL'], firstServiceDay, 100);
  const enrollment = new EnrollmentSpans(8, { firstServiceDay, lastClaimDay });

  it('gives every current member a last span covering every claim day, after an optional earlier one with a gap', () => {
    let earlier = 0;
    for (let index = 0; index < population.size; index += 1) {
      const member = population.at(index);
      const spans = enrollment.current(index, member);
      const last = spans.at(-1)!;
      expect(last.startDay).toBeLessThan(firstServiceDay);
      expect(last.startDay).toBeGreaterThanOrEqual(member.birthDay);
      expect(last.endDay === null || last.endDay > lastClaimDay).toBe(true);
      expect(last.plan).toBe(member.plan);
      if (spans.length === 2) {
        earlier += 1;
        expect(spans[0]!.endDay!).toBeLessThan(last.startDay - 30);
        expect(spans[0]!.startDay).toBeGreaterThanOrEqual(member.birthDay);
        expect(spans[0]!.plan).not.toBe(member.plan);
      }
    }
    expect(earlier / population.size).toBeGreaterThan(0.15);
  });

  it('ends every span of a former member before the service window', () => {
    expect(population.formerSize).toBe(100);
    for (let former = 0; former < population.formerSize; former += 1) {
      const member = population.formerAt(former);
      const spans = enrollment.former(population.size + former, member);
      expect(spans.length).toBeGreaterThan(0);
      for (const span of spans) {
        expect(span.endDay).not.toBeNull();
        expect(span.endDay!).toBeLessThan(firstServiceDay);
        expect(span.startDay).toBeGreaterThanOrEqual(member.birthDay);
        expect(span.startDay).toBeLessThanOrEqual(span.endDay!);
      }
    }
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

describe('ProviderDirectory membership', () => {
  const providers = new ProviderDirectory(9, 300, 6);

  it('knows its own NPIs and no others', () => {
    for (let group = 0; group < 300; group += 1) {
      expect(providers.billingGroupOf(providers.billingNpi(group))).toBe(group);
      expect(providers.lists(providers.billingNpi(group))).toBe(true);
    }
    for (let index = 0; index < providers.renderingProviders; index += 1) expect(providers.lists(providers.renderingNpiAt(index))).toBe(true);
    // Beyond the directory: the next indexes of either scramble, and NPIs of another seed.
    expect(providers.lists(new ProviderDirectory(9, 301, 6).billingNpi(300))).toBe(false);
    expect(providers.lists(new ProviderDirectory(9, 300, 7).renderingNpiAt(1800))).toBe(false);
    expect(providers.lists('1234567893')).toBe(false);
    expect(providers.lists('not an npi')).toBe(false);
  });

  it('draws valid NPIs it does not list', () => {
    const random = new Random(3);
    for (let i = 0; i < 500; i += 1) {
      const npi = providers.unlistedNpi(random);
      expect(npi).toMatch(/^[12]\d{9}$/);
      expect(isValidNpi(npi)).toBe(true);
      expect(providers.lists(npi)).toBe(false);
    }
  });
});
