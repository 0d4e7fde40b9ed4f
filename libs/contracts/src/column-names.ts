import { z } from 'zod';

/**
 * What makes a column name look like a value rather than a name: the cells of a headerless file's
 * first record (an NPI, a member id, a birth date, an e-mail address) read as a header. Column
 * names travel to the control plane (drift reports, mappings, schema versions), so one that looks
 * like a value is refused there as PHI would be. A reason names the shape, never the name.
 */
const VALUE_SHAPES: ReadonlyArray<[RegExp, string]> = [
  [/[\u0000-\u001f\u007f]/, 'a control character'],
  [/^\s*[-+$]?\d[\d,]*(\.\d+)?%?\s*$/, 'a number'],
  [/\d{5,}/, 'a run of five or more digits'],
  // Digit, separator, one or two digits, separator, digit: the year's other digits change nothing.
  [/\d[-/.]\d{1,2}[-/.]\d/, 'a date'],
  [/[^\s@]@[^\s@]+\.[^\s@]/, 'an e-mail address'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i, 'a UUID'],
];

/** Why a column name looks like a value, or null when it reads as a name. */
export function columnNameProblem(name: string): string | null {
  for (const [shape, reason] of VALUE_SHAPES) if (shape.test(name)) return `looks like a value (${reason}), not a column name`;
  return null;
}

/** A column name of a tenant's file as it may leave the data plane. */
export const sourceColumnName = z
  .string()
  .min(1)
  .max(256)
  .superRefine((name, ctx) => {
    const problem = columnNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
