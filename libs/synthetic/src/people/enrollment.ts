import { epochDayToIsoDate, isoDateToEpochDay } from '@ade/healthcare';
import { Random, deriveSeed } from '../random/random';
import type { Member } from './members';

/** One enrollment span; `endDay` null while it is open. */
export interface EnrollmentSpan {
  startDay: number;
  endDay: number | null;
  plan: string;
}

/** The days spans are placed around: valid service starts on firstServiceDay; no claim is dated after lastClaimDay. */
export interface EnrollmentCalendar {
  firstServiceDay: number;
  /** The last day any claim of the run can carry (a future-dated one included). */
  lastClaimDay: number;
}

const STREAM_ENROLLMENT = 0x656e72;

/**
 * Enrollment spans derived from the member's index, like the member itself, so the eligibility
 * file needs no table of claims. A current member's last span starts before the service window
 * and is open, or ends after the last day any claim can carry: it covers every claim line of the
 * member, valid or defective. Some members also have an earlier closed span, with a gap before
 * the current one, on another plan. A former member's spans all end before the service window.
 */
export class EnrollmentSpans {
  constructor(
    private readonly seed: number,
    private readonly calendar: EnrollmentCalendar,
  ) {}

  /** Spans of the current member at population index `index`, oldest first. */
  current(index: number, member: Member): EnrollmentSpan[] {
    const random = this.randomFor(index);
    const { firstServiceDay, lastClaimDay } = this.calendar;
    const startDay = Math.max(member.birthDay, monthStart(firstServiceDay - 1 - random.int(0, 5 * 365)));
    const endDay = random.chance(0.8) ? null : monthEnd(lastClaimDay + 1 + random.int(0, 364));
    const current: EnrollmentSpan = { startDay, endDay, plan: member.plan };
    const earlier = random.chance(0.25) ? earlierSpan(random, member, startDay, otherPlan(member)) : undefined;
    return earlier ? [earlier, current] : [current];
  }

  /** Spans of the former member at population index `index`: enrolled once or twice, never since the window opened. */
  former(index: number, member: Member): EnrollmentSpan[] {
    const random = this.randomFor(index);
    const endDay = Math.max(member.birthDay, this.calendar.firstServiceDay - 1 - random.int(0, 540));
    const startDay = Math.max(member.birthDay, monthStart(endDay - random.int(60, 1460)));
    const last: EnrollmentSpan = { startDay, endDay, plan: member.plan };
    const earlier = random.chance(0.2) ? earlierSpan(random, member, startDay, otherPlan(member)) : undefined;
    return earlier ? [earlier, last] : [last];
  }

  private randomFor(index: number): Random {
    return new Random(deriveSeed(this.seed, STREAM_ENROLLMENT, index));
  }
}

/** A closed span ending at least a month before `nextStart`, after birth; undefined when there is no room. */
function earlierSpan(random: Random, member: Member, nextStart: number, plan: string): EnrollmentSpan | undefined {
  const endDay = nextStart - random.int(31, 365);
  const startDay = Math.max(member.birthDay, monthStart(endDay - random.int(60, 1095)));
  return endDay >= startDay ? { startDay, endDay, plan } : undefined;
}

/** Members move between managed care and fee-for-service; a CHIP child came from Medicaid. */
function otherPlan(member: Member): string {
  return member.plan.endsWith('Managed Care') ? `${member.state} Medicaid Fee-for-Service` : `${member.state} Medicaid Managed Care`;
}

/** Enrollment runs by calendar month. */
function monthStart(day: number): number {
  return isoDateToEpochDay(`${epochDayToIsoDate(day).slice(0, 8)}01`)!;
}

function monthEnd(day: number): number {
  const iso = epochDayToIsoDate(day);
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return isoDateToEpochDay(`${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}-01`)! - 1;
}
