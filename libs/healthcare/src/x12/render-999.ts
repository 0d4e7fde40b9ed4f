import type { GroupAcknowledgment, InterchangeAcknowledgment } from './envelope-reader';
import { element } from './x12-segment';

const VERSION_999 = '005010X231A1';

/**
 * The 999 implementation acknowledgment (005010X231A1) of what was read: per received interchange
 * one interchange back to its sender, with one 999 transaction set per functional group (AK1,
 * AK2/IK5 per transaction set, AK9). It says which sets were accepted (A), accepted with errors
 * noted (E) or rejected (R), and why, in the guide's codes; it never repeats a claim's values.
 */
export function render999(interchanges: readonly InterchangeAcknowledgment[], at: Date): string {
  const date = at.toISOString();
  const ccyymmdd = date.slice(0, 10).replaceAll('-', '');
  const hhmm = date.slice(11, 16).replace(':', '');
  return interchanges
    .map((interchange, index) => {
      const control = String(index + 1).padStart(9, '0');
      const isa = (n: number) => element(interchange.isa, n) ?? '';
      // ISA elements are fixed width as received, so the sender and receiver swap places as they are.
      const segments = [
        ['ISA', '00', ' '.repeat(10), '00', ' '.repeat(10), isa(7), isa(8), isa(5), isa(6), ccyymmdd.slice(2), hhmm, '^', '00501', control, '0', isa(15), ':'],
      ];
      const [first] = interchange.groups;
      if (first) {
        segments.push(['GS', 'FA', first.receiver, first.sender, ccyymmdd, hhmm, String(index + 1), 'X', VERSION_999]);
        interchange.groups.forEach((group, n) => segments.push(...acknowledgmentSet(group, String(n + 1).padStart(4, '0'))));
        segments.push(['GE', String(interchange.groups.length), String(index + 1)]);
      }
      segments.push(['IEA', first ? '1' : '0', control]);
      return segments.map((segment) => `${segment.join('*')}~\n`).join('');
    })
    .join('');
}

/** One 999 transaction set acknowledging one functional group. */
function acknowledgmentSet(group: GroupAcknowledgment, control: string): string[][] {
  const body: string[][] = [['AK1', group.functionalId, group.control, group.version]];
  for (const set of group.sets) {
    body.push(set.version === null ? ['AK2', set.id, set.control] : ['AK2', set.id, set.control, set.version]);
    for (const segment of set.segmentErrors) {
      body.push(['IK3', segment.id, String(segment.position), segment.loop === 'HEADER' ? '' : segment.loop, segment.code]);
      // IK404, the bad value, is left out: it could be a patient's.
      for (const element of segment.elements) body.push(['IK4', element.component ? `${element.position}:${element.component}` : String(element.position), '', element.code]);
    }
    body.push(['IK5', set.status, ...set.codes.slice(0, 5)]);
  }
  const received = group.sets.length;
  const accepted = group.sets.filter((set) => set.status !== 'R').length;
  const declared = group.declaredSets !== null && /^[0-9]+$/.test(group.declaredSets) ? String(Number(group.declaredSets)) : String(received);
  body.push(['AK9', groupStatus(group, accepted), declared, String(received), String(accepted), ...group.codes.slice(0, 5)]);
  return [['ST', '999', control, VERSION_999], ...body, ['SE', String(body.length + 2), control]];
}

/** AK901: R when refused or nothing accepted, P when some sets were rejected, E when errors were noted, else A. */
function groupStatus(group: GroupAcknowledgment, accepted: number): string {
  if (group.refused || (group.sets.length > 0 && accepted === 0)) return 'R';
  if (accepted < group.sets.length) return 'P';
  if (group.codes.length > 0 || group.sets.some((set) => set.status === 'E')) return 'E';
  return 'A';
}
