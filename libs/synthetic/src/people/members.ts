import { Random, deriveSeed } from '../random/random';
import { formatMemberId } from './member-id';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, NAME_SUFFIXES } from './names';
import { scramble } from './scramble';

export interface Member {
  memberId: string;
  firstName: string;
  lastName: string;
  birthDay: number;
  gender: 'F' | 'M';
  state: string;
  plan: string;
}

const MEMBER_SERIALS = 1_000_000_000;
const STREAM_MEMBERS = 0x6d656d;
const DAYS_PER_YEAR = 365.25;
const CHIP_MAX_AGE = 18;

/**
 * The enrolled population. A member is derived from its index with a stream of its own, so the
 * same member comes back identical on every claim without keeping anyone in memory: a million-row
 * file needs no member table. Indexes 0..size-1 are current members (valid claims draw from
 * them); the `formerSize` after them are former members, enrolled only before the service window
 * (see enrollment.ts), whom only the `service_outside_eligibility` defect bills for.
 */
export class MemberPopulation {
  private readonly serialOffset: number;

  constructor(
    private readonly seed: number,
    readonly size: number,
    private readonly states: readonly string[],
    /** Members are born before this day, so every service date follows the birth date. */
    private readonly firstServiceDay: number,
    readonly formerSize = 0,
  ) {
    this.serialOffset = deriveSeed(seed, STREAM_MEMBERS) % MEMBER_SERIALS;
  }

  /** The former member `index` (0..formerSize-1): the member right after the current ones. */
  formerAt(index: number): Member {
    return this.at(this.size + index);
  }

  at(index: number): Member {
    const random = new Random(deriveSeed(this.seed, STREAM_MEMBERS, index));
    const state = random.pick(this.states);
    const gender = random.chance(0.55) ? 'F' : 'M';
    const ageYears = drawMedicaidAge(random);
    const birthDay = this.firstServiceDay - 1 - Math.floor(ageYears * DAYS_PER_YEAR) - random.int(0, 364);
    const suffix = gender === 'M' && ageYears > 18 && random.chance(0.01) ? random.pick(NAME_SUFFIXES) : '';
    return {
      memberId: formatMemberId(state, scramble(index, MEMBER_SERIALS, this.serialOffset)),
      firstName: random.pick(gender === 'F' ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
      lastName: random.pick(LAST_NAMES) + suffix,
      birthDay,
      gender,
      state,
      plan: drawPlan(random, state, ageYears),
    };
  }
}

/** Medicaid skews young: about 40% children, few over 65 (those are mostly dual eligibles). */
function drawMedicaidAge(random: Random): number {
  const band = random.next();
  if (band < 0.4) return random.int(0, 18);
  if (band < 0.88) return random.int(19, 64);
  return random.int(65, 95);
}

function drawPlan(random: Random, state: string, ageYears: number): string {
  if (ageYears <= CHIP_MAX_AGE && random.chance(0.25)) return `${state} CHIP`;
  return random.chance(0.7) ? `${state} Medicaid Managed Care` : `${state} Medicaid Fee-for-Service`;
}
