import { DATA_TYPES, type DataType } from '@ade/contracts';
import { z } from 'zod';
import { canonicalSchema } from '../schemas/canonical-schemas';

// Headers, values and constants all end up in SQL, whose literals and names cannot hold a NUL.
const text = z
  .string({ error: 'must be a string' })
  .refine((value) => value.trim().length > 0, { error: 'must not be empty' })
  .refine((value) => !value.includes('\0'), { error: 'must not contain a NUL character' });
const header = text.refine((value) => value === value.trim(), { error: 'must not start or end with a space' });

const numberedPattern = header.refine((value) => value.includes('{n}'), { error: "must contain '{n}'" });

const layoutSource = z.union(
  [
    header,
    z.strictObject({ concat: z.array(header).min(2, { error: 'must list at least two headers' }) }),
    z.strictObject({ constant: text }),
    z.strictObject({ flagged: z.strictObject({ value: header, flag: header, equals: text }) }),
    z.strictObject({
      firstFlagged: z
        .strictObject({
          value: numberedPattern,
          flag: numberedPattern,
          equals: text,
          from: z.int().min(0),
          to: z.int().min(0),
        })
        .refine((spec) => spec.from < spec.to, { error: 'from must be below to' }),
    }),
  ],
  { error: 'must be a header, { concat: [...] }, { firstFlagged: {...} }, { flagged: {...} } or { constant: "..." }' },
);

// A line column is a numbered pattern, or a claim-level header carried on the first line only.
const layoutLines = z
  .strictObject({ from: z.int().min(0), to: z.int().min(0), columns: z.record(z.string(), header) })
  .refine((lines) => lines.from < lines.to, { error: 'from must be below to' });

const columnsAndRules = {
  dataType: z.enum(DATA_TYPES, { error: `must be one of ${DATA_TYPES.join(', ')}` }),
  columns: z.record(z.string(), layoutSource),
  notApplicable: z.record(z.string(), text).default({}),
  notCarried: z.record(z.string(), text).default({}),
};

type ColumnsAndRules = {
  dataType: string;
  columns: Record<string, unknown>;
  notApplicable: Record<string, string>;
  notCarried: Record<string, string>;
  lines?: { columns: Record<string, string> };
};

/** Canonical columns the data type has, rules it binds, and no header read as two columns. */
function checkColumnsAndRules(layout: ColumnsAndRules, context: z.RefinementCtx): void {
  const schema = canonicalSchema(layout.dataType as DataType);
  const known = new Set(schema.columns.map((column) => column.name));
  for (const name of Object.keys(layout.columns)) {
    if (!known.has(name)) context.addIssue({ code: 'custom', path: ['columns', name], message: `is not a ${layout.dataType} column` });
  }
  for (const name of Object.keys(layout.lines?.columns ?? {})) {
    if (!known.has(name)) context.addIssue({ code: 'custom', path: ['lines', 'columns', name], message: `is not a ${layout.dataType} column` });
    else if (name in layout.columns) context.addIssue({ code: 'custom', path: ['lines', 'columns', name], message: 'is also given a source in columns' });
  }
  if (layout.lines && 'claim_line_number' in layout.columns) {
    context.addIssue({ code: 'custom', path: ['columns', 'claim_line_number'], message: 'is the line number n when lines are side by side' });
  }
  for (const name of Object.keys(layout.notCarried)) {
    if (!known.has(name)) context.addIssue({ code: 'custom', path: ['notCarried', name], message: `is not a ${layout.dataType} column` });
    else if (name in layout.columns) context.addIssue({ code: 'custom', path: ['notCarried', name], message: 'is also given a source in columns' });
  }
  const bound = new Set(schema.checks.map((check) => check.rule));
  for (const rule of Object.keys(layout.notApplicable)) {
    if (!bound.has(rule)) context.addIssue({ code: 'custom', path: ['notApplicable', rule], message: `is not a rule of ${layout.dataType}` });
  }
  const seen = new Map<string, string>();
  for (const [name, source] of Object.entries(layout.columns)) {
    if (typeof source !== 'string') continue;
    const other = seen.get(source);
    if (other !== undefined) context.addIssue({ code: 'custom', path: ['columns', name], message: `header '${source}' is already the source of ${other}` });
    seen.set(source, name);
  }
}

/** The shape of `layouts/<id>.json`; `fileId` is the file name without `.json`, which `id` must repeat. */
export function layoutFileSchema(fileId: string) {
  return z
    .strictObject({
      id: text.refine((id) => id === fileId, { error: `must equal the file name ('${fileId}')` }),
      name: text,
      source: z.strictObject({ publisher: text, document: text, url: text.refine((url) => url.startsWith('https://'), { error: 'must be an https:// address' }) }),
      identifiedBy: z.array(header).min(3, { error: 'must list at least three headers' }),
      ...columnsAndRules,
      lines: layoutLines.optional(),
    })
    .superRefine(checkColumnsAndRules);
}

/**
 * The shape of a user's mapping file (`ade validate --mapping FILE.json`): the data type and
 * where each canonical column is in the file, written as a layout writes it.
 */
export const mappingFileSchema = z.strictObject(columnsAndRules).superRefine(checkColumnsAndRules);
