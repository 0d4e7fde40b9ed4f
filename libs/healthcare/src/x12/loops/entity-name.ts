import type { Person, ProviderNpis } from '../claim-draft';
import { dateSpan } from '../x12-dates';
import { element, type X12Seg } from '../x12-segment';

/** NM101 entity identifier codes we read (the 2010/2310/2420 loops are told apart by them). */
export const ENTITY = {
  billingProvider: '85',
  subscriber: 'IL',
  payer: 'PR',
  patient: 'QC',
  renderingProvider: '82',
  serviceFacility: '77',
  attendingProvider: '71',
} as const;

export function entityCode(nm1: X12Seg): string | null {
  return element(nm1, 1);
}

/** NM109 when NM108 says it is an NPI (XX); a payer id or tax id is no NPI. */
export function npiOf(nm1: X12Seg): string | null {
  return element(nm1, 8) === 'XX' ? element(nm1, 9) : null;
}

/** 2010BA subscriber or 2010CA patient name: NM103 last, NM104 first, NM109 member id. */
export function personFromName(nm1: X12Seg): Person {
  return { memberId: element(nm1, 9), lastName: element(nm1, 3), firstName: element(nm1, 4), birthDate: null, gender: null };
}

/** DMG after a subscriber or patient NM1: DMG02 birth date (DMG01 D8), DMG03 gender code. */
export function withDemographics(person: Person, dmg: X12Seg): Person {
  return { ...person, birthDate: dateSpan(element(dmg, 1), element(dmg, 2)).start, gender: element(dmg, 3) };
}

/** The 2310x / 2420x provider a NM101 names, or undefined for ones no canonical column holds. */
export function providerRole(code: string | null): keyof ProviderNpis | undefined {
  switch (code) {
    case ENTITY.renderingProvider:
      return 'rendering';
    case ENTITY.serviceFacility:
      return 'facility';
    case ENTITY.attendingProvider:
      return 'attending';
    default:
      return undefined;
  }
}
