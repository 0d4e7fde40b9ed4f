import { ChunkedTextWriter, type TextSink } from '../csv/chunked-text-writer';
import { csvLine } from '../csv/csv-line';
import { PAYER } from '../claims/claim-builder';
import { DayFormatter } from '../claims/day-formatter';
import { EnrollmentSpans, type EnrollmentCalendar, type EnrollmentSpan } from '../people/enrollment';
import type { Member, MemberPopulation } from '../people/members';
import { ELIGIBILITY_COLUMNS } from './reference-columns';

export interface EligibilityCounts {
  spans: number;
  currentMembers: number;
  formerMembers: number;
}

/**
 * The eligibility file: the enrollment spans of every current member (one of which covers all the
 * member's claims) and of every former member (enrolled only before the service window, billed
 * for by `service_outside_eligibility` claims), oldest span first. ISO dates; an open span has an
 * empty end date.
 */
export async function streamEligibilityCsv(
  members: MemberPopulation,
  seed: number,
  calendar: EnrollmentCalendar,
  out: TextSink,
): Promise<EligibilityCounts> {
  const enrollment = new EnrollmentSpans(seed, calendar);
  const days = new DayFormatter();
  const writer = new ChunkedTextWriter(out);
  let spans = 0;
  const write = async (member: Member, memberSpans: EnrollmentSpan[]) => {
    for (const span of memberSpans) {
      spans += 1;
      if (writer.push(spanLine(member, span, days))) await writer.flush();
    }
  };
  writer.push(csvLine(ELIGIBILITY_COLUMNS));
  for (let index = 0; index < members.size; index += 1) {
    const member = members.at(index);
    await write(member, enrollment.current(index, member));
  }
  for (let former = 0; former < members.formerSize; former += 1) {
    const member = members.formerAt(former);
    await write(member, enrollment.former(members.size + former, member));
  }
  await writer.flush();
  return { spans, currentMembers: members.size, formerMembers: members.formerSize };
}

function spanLine(member: Member, span: EnrollmentSpan, days: DayFormatter): string {
  return csvLine([
    member.memberId,
    member.firstName,
    member.lastName,
    days.format(member.birthDay),
    member.gender,
    member.state,
    PAYER,
    'medicaid',
    span.plan,
    days.format(span.startDay),
    span.endDay === null ? '' : days.format(span.endDay),
  ]);
}
