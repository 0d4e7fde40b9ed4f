import { ELIGIBILITY_SCHEMA } from '../schemas/eligibility.schema';
import { canonicalRow, type ColumnValues } from './rows/canonical-row';
import type { X12ClaimRow } from './x12-claim-batch';
import { isoDate } from './x12-dates';
import { X12Error } from './x12-error';
import { element, type X12Seg } from './x12-segment';

interface Member {
  values: ColumnValues;
  /** DTP*356 / *357 of the member level: the eligibility span when a coverage has none of its own. */
  begin: string | null;
  end: string | null;
  coverages: ColumnValues[];
  /** Where the member (INS) began, for messages. */
  at: X12Seg;
}

/**
 * The enrollment of one 834 transaction set (ST..SE, exclusive) as canonical eligibility rows,
 * one per member and health coverage (HD, loop 2300): the payer from 1000B (N1*IN); the member
 * level (2000, INS) with its subscriber relation (INS02), subscriber id (REF*0F) and member id
 * (REF*23, else a 2100A NM109 that is not a Social Security number); the member's name, address,
 * phone and demographics (2100A); the plan (HD04, else HD03) and the coverage span (DTP*348/349,
 * else the member's DTP*356/357). A member with no HD still gives one row, its plan empty, so the
 * rules say what is missing instead of the member vanishing.
 */
export function enrollmentRows(segments: readonly X12Seg[]): { members: number; rows: X12ClaimRow[] } {
  let payer: string | null = null;
  let member: Member | null = null;
  let coverage: ColumnValues | null = null;
  let inMemberName = false;
  const members: Member[] = [];
  for (const segment of segments) {
    const value = (n: number) => element(segment, n);
    switch (segment.tag) {
      case 'N1':
        if (value(1) === 'IN') payer = value(2);
        break;
      case 'INS':
        member = { values: { payer, subscriber_relation: value(2) }, begin: null, end: null, coverages: [], at: segment };
        members.push(member);
        coverage = null;
        inMemberName = false;
        break;
      case 'REF':
        if (!member) break;
        if (coverage) {
          if (value(1) === '1L' && coverage['plan'] == null) coverage['plan'] = value(2);
        } else if (value(1) === '0F') member.values['subscriber_id'] = value(2);
        else if (value(1) === '23') member.values['member_id'] = value(2);
        break;
      case 'DTP':
        if (!member) break;
        if (coverage && value(1) === '348') coverage['enrollment_start_date'] = isoDate(value(3));
        else if (coverage && value(1) === '349') coverage['enrollment_end_date'] = isoDate(value(3));
        else if (!coverage && value(1) === '356') member.begin = isoDate(value(3));
        else if (!coverage && value(1) === '357') member.end = isoDate(value(3));
        break;
      case 'NM1':
        inMemberName = member !== null && coverage === null && value(1) === 'IL';
        if (inMemberName) {
          Object.assign(member!.values, { last_name: value(3), first_name: value(4) });
          if (value(8) === '34') member!.values['social_security_number'] = value(9);
          else if (member!.values['member_id'] == null) member!.values['member_id'] = value(9);
        }
        break;
      case 'PER':
        if (inMemberName) member!.values['phone'] = [3, 5, 7].map((n) => (['TE', 'HP', 'WP', 'CP'].includes(value(n) ?? '') ? value(n + 1) : null)).find((phone) => phone) ?? null;
        break;
      case 'N3':
        if (inMemberName) member!.values['address'] = value(1);
        break;
      case 'N4':
        if (inMemberName) Object.assign(member!.values, { city: value(1), state: value(2), zip_code: value(3) });
        break;
      case 'DMG':
        if (inMemberName) Object.assign(member!.values, { birth_date: isoDate(value(2)), gender: value(3), race: value(5) });
        break;
      case 'HD':
        if (!member) throw new X12Error('claim_structure_invalid', 'HD', segment.position, 'a health coverage (HD) comes before any member level (INS)');
        coverage = { plan: value(4) ?? value(3) };
        member.coverages.push(coverage);
        inMemberName = false;
        break;
    }
  }
  const rows = members.flatMap((m) =>
    (m.coverages.length ? m.coverages : [{}]).map((c) =>
      canonicalRow(ELIGIBILITY_SCHEMA, { ...m.values, plan: null, ...c, enrollment_start_date: c['enrollment_start_date'] ?? m.begin, enrollment_end_date: c['enrollment_end_date'] ?? m.end }),
    ),
  );
  return { members: members.length, rows };
}
