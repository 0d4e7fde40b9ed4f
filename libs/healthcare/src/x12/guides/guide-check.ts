import { parseClaimDate } from '../../rules/values/claim-date';
import type { X12Seg } from '../x12-segment';
import type { CompositeRule, ElementRule, ImplementationGuide, LoopRule } from './implementation-guide';

/**
 * One thing a transaction set does against its implementation guide, in the 999's terms: the
 * segment, its loop, the segment error code (IK304) and, for an element, its reference (`NM101`,
 * `CLM05-2`) and element error code (IK403). `error` rejects the set; `warning` (a situational
 * element, a not-used one present) is noted and the claims land.
 */
export interface GuideProblem {
  severity: 'error' | 'warning';
  /** The segment's id (for a missing one, the id that is missing). */
  tag: string;
  /** Where it is, or for a missing segment where its loop began. */
  at: X12Seg;
  loop: string;
  segmentCode: string;
  element?: { reference: string; position: number; component?: number; code: string };
  problem: string;
}

interface OpenLoop {
  id: string;
  rule: LoopRule;
  first: X12Seg;
  counts: Map<string, number>;
  /** A loop opened by a qualifier no loop takes: it holds whatever follows until a trigger, so one error does not cascade. */
  unknown?: true;
}

/** IK304 segment syntax error codes used here. */
const SEGMENT = { unexpected: '2', missing: '3', notInSet: '6', elementErrors: '8' } as const;

/**
 * Checks one transaction set's segments (between ST and SE) against the guide: each segment is
 * placed in its loop (a loop opens at its trigger under one of its parents, and closes when a
 * segment belongs to a loop further out, as X12 loops do), segments no loop here takes are
 * unexpected, a loop's required segments must be there, and the elements of the segments the guide
 * details are checked for usage, type, length and codes. Messages name ids, loops and element
 * references, never a value.
 */
export function checkAgainstGuide(guide: ImplementationGuide, header: X12Seg, segments: readonly X12Seg[]): GuideProblem[] {
  const problems: GuideProblem[] = [];
  const index = indexOf(guide);
  const { triggerTags, memberTags } = index;
  const stack: OpenLoop[] = [{ id: 'HEADER', rule: guide.loops['HEADER']!, first: header, counts: new Map() }];
  const close = (from: number) => {
    if (from >= stack.length) return;
    for (const loop of stack.splice(from).reverse()) problems.push(...missingSegments(loop));
  };

  for (const segment of segments) {
    const opened = openedLoop(index, stack, segment);
    if (opened) {
      close(opened.depth + 1);
      stack.push({ id: opened.id, rule: guide.loops[opened.id]!, first: segment, counts: new Map([[segment.tag, 1]]) });
      problems.push(...elementProblems(guide, segment, opened.id));
      continue;
    }
    const depth = memberDepth(stack, segment.tag);
    if (depth >= 0) {
      close(depth + 1);
      const loop = stack[depth]!;
      loop.counts.set(segment.tag, (loop.counts.get(segment.tag) ?? 0) + 1);
      problems.push(...elementProblems(guide, segment, loop.id));
      continue;
    }
    const problem = misplaced(guide, segment, stack.at(-1)!.id, triggerTags, memberTags);
    problems.push(problem);
    if (problem.element) stack.push({ id: problem.loop, rule: { parents: [], trigger: null, segments: {} }, first: segment, counts: new Map(), unknown: true });
  }
  close(0);
  return problems;
}

/** The guide arranged for lookups: the loops each parent may open, by trigger segment id. */
interface GuideIndex {
  openers: Map<string, Map<string, Array<{ id: string; loop: LoopRule }>>>;
  triggerTags: ReadonlySet<string>;
  memberTags: ReadonlySet<string>;
}

const indexes = new WeakMap<ImplementationGuide, GuideIndex>();

function indexOf(guide: ImplementationGuide): GuideIndex {
  const cached = indexes.get(guide);
  if (cached) return cached;
  const openers = new Map<string, Map<string, Array<{ id: string; loop: LoopRule }>>>();
  for (const [id, loop] of Object.entries(guide.loops)) {
    if (!loop.trigger) continue;
    for (const parent of loop.parents) {
      const byTag = openers.get(parent) ?? new Map<string, Array<{ id: string; loop: LoopRule }>>();
      byTag.set(loop.trigger.segment, [...(byTag.get(loop.trigger.segment) ?? []), { id, loop }]);
      openers.set(parent, byTag);
    }
  }
  const index: GuideIndex = {
    openers,
    triggerTags: new Set(Object.values(guide.loops).flatMap((loop) => (loop.trigger ? [loop.trigger.segment] : []))),
    memberTags: new Set(Object.values(guide.loops).flatMap((loop) => Object.keys(loop.segments))),
  };
  indexes.set(guide, index);
  return index;
}

/** The loop a segment opens here, and how deep its parent is on the stack; the innermost parent wins. */
function openedLoop(index: GuideIndex, stack: readonly OpenLoop[], segment: X12Seg): { id: string; depth: number } | null {
  for (let depth = stack.length - 1; depth >= 0; depth -= 1) {
    if (stack[depth]!.unknown) continue;
    const candidates = index.openers.get(stack[depth]!.id)?.get(segment.tag);
    const opened = candidates?.find(({ loop }) => triggers(loop, segment));
    if (opened) return { id: opened.id, depth };
  }
  return null;
}

function triggers(loop: LoopRule, segment: X12Seg): boolean {
  const { trigger } = loop;
  if (trigger === null || trigger.segment !== segment.tag) return false;
  if (trigger.element === undefined || trigger.codes === undefined) return true;
  return trigger.codes.includes(segment.elements[trigger.element - 1] ?? '');
}

/** How deep on the stack the nearest loop that holds `tag` (other than as its trigger) is, or -1. */
function memberDepth(stack: readonly OpenLoop[], tag: string): number {
  for (let depth = stack.length - 1; depth >= 0; depth -= 1) {
    const { rule, unknown } = stack[depth]!;
    if (unknown || (tag in rule.segments && rule.trigger?.segment !== tag)) return depth;
  }
  return -1;
}

/** A segment no open loop takes: an unknown qualifier, a segment of another place, or none of this transaction set's. */
function misplaced(guide: ImplementationGuide, segment: X12Seg, loop: string, triggerTags: ReadonlySet<string>, memberTags: ReadonlySet<string>): GuideProblem {
  const base = { severity: 'error' as const, tag: segment.tag, at: segment, loop };
  const qualified = Object.values(guide.loops).find((rule) => rule.trigger?.segment === segment.tag && rule.trigger.element !== undefined);
  if (qualified && triggerTags.has(segment.tag)) {
    const position = qualified.trigger!.element!;
    const known = Object.values(guide.loops).some((rule) => rule.trigger?.segment === segment.tag && rule.trigger.codes?.includes(segment.elements[position - 1] ?? ''));
    if (!known) {
      const reference = `${segment.tag}${String(position).padStart(2, '0')}`;
      return { ...base, segmentCode: SEGMENT.elementErrors, element: { reference, position, code: '7' }, problem: `${reference} is not a code the guide allows for this segment` };
    }
  }
  if (!memberTags.has(segment.tag) && !triggerTags.has(segment.tag)) {
    return { ...base, segmentCode: SEGMENT.notInSet, problem: `${segment.tag} is not a segment of this transaction set` };
  }
  return { ...base, segmentCode: SEGMENT.unexpected, problem: `${segment.tag} is not expected in loop ${loop}` };
}

function missingSegments(loop: OpenLoop): GuideProblem[] {
  return Object.entries(loop.rule.segments)
    .filter(([tag, usage]) => usage === 'R' && !loop.counts.has(tag))
    .map(([tag]) => ({ severity: 'error', tag, at: loop.first, loop: loop.id, segmentCode: SEGMENT.missing, problem: `${tag} is required in loop ${loop.id}` }));
}

function elementProblems(guide: ImplementationGuide, segment: X12Seg, loop: string): GuideProblem[] {
  const rules = guide.elements[segment.tag];
  if (!rules) return [];
  const problems: GuideProblem[] = [];
  // Most segments are clean: nothing is allocated for an element until it has a problem.
  const report = (position: number, code: string, problem: string, severity: GuideProblem['severity'], component?: number) => {
    const reference = `${segment.tag}${String(position).padStart(2, '0')}${component ? `-${component}` : ''}`;
    problems.push({ severity, tag: segment.tag, at: segment, loop, segmentCode: SEGMENT.elementErrors, element: { reference, position, ...(component && { component }), code }, problem: `${reference} ${problem}` });
  };
  for (let index = 0; index < rules.length; index += 1) {
    const rule = rules[index]!;
    const position = index + 1;
    const value = segment.elements[index] ?? '';
    if (!('components' in rule)) {
      const found = valueProblem(value, rule);
      // A date that is no date lands, and the row's date.format rule quarantines that row alone.
      if (found) report(position, found.code, found.problem, found.code === '8' ? 'warning' : severityOf(rule.usage));
      continue;
    }
    const composite: CompositeRule = rule;
    if (value === '') {
      if (composite.usage === 'R') report(position, '1', 'is required', 'error');
      continue;
    }
    if (composite.usage === 'N') {
      report(position, 'I10', 'is not used by the guide', 'warning');
      continue;
    }
    const parts = value.split(segment.componentSeparator);
    for (let n = 0; n < composite.components.length; n += 1) {
      const component = composite.components[n]!;
      const found = valueProblem(parts[n] ?? '', component);
      if (found) report(position, found.code, found.problem, severityOf(composite.usage === 'R' ? component.usage : 'S'), n + 1);
    }
  }
  return problems;
}

function severityOf(usage: ElementRule['usage']): GuideProblem['severity'] {
  return usage === 'R' ? 'error' : 'warning';
}

const NUMBER = { N0: /^-?[0-9]+$/, R: /^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/ } as const;
const TIME = /^([01][0-9]|2[0-3])[0-5][0-9]([0-5][0-9]([0-9]{1,2})?)?$/;

/** What is wrong with one value (IK403 code and the problem, never the value), or null. */
function valueProblem(value: string, rule: ElementRule): { code: string; problem: string } | null {
  if (value === '') return rule.usage === 'R' ? { code: '1', problem: 'is required' } : null;
  if (rule.usage === 'N') return { code: 'I10', problem: 'is not used by the guide' };
  if (rule.type === 'N0' || rule.type === 'R') {
    if (!NUMBER[rule.type].test(value)) return { code: '6', problem: rule.type === 'N0' ? 'is not a whole number' : 'is not a number' };
    const digits = value.replace(/[-.]/g, '').length;
    return digits > rule.max ? { code: '5', problem: `has more than ${rule.max} digits` } : null;
  }
  if (rule.type === 'DT') return /^[0-9]{8}$/.test(value) && parseClaimDate(value) !== null ? null : { code: '8', problem: 'is not a date (CCYYMMDD)' };
  if (rule.type === 'TM') return TIME.test(value) ? null : { code: '9', problem: 'is not a time (HHMM)' };
  if (value.length < rule.min) return { code: '4', problem: `is shorter than ${rule.min} characters` };
  if (value.length > rule.max) return { code: '5', problem: `is longer than ${rule.max} characters` };
  if (rule.codes && !rule.codes.includes(value)) return { code: '7', problem: 'is not a code the guide allows here' };
  return null;
}
