import { z } from 'zod';
import { expectationSqlProblem } from './expectation-sql';
import { parseTableName } from './identifiers';
import { sourcePath } from './source-path';

/** What an export writes: Parquet (typed, compressed) or CSV with a header row. */
export const EXPORT_FORMATS = ['parquet', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The schemas curated data is exported from: silver (with its `_quarantine` tables) and gold, never raw bronze. */
export const EXPORTABLE_SCHEMAS = ['silver', 'gold'] as const;

export const exportTableName = z.string().superRefine((value, ctx) => {
  const ref = parseTableName(value);
  if (!ref) ctx.addIssue({ code: 'custom', message: 'must be catalog.schema.table, each part lower-case letters, digits and underscores' });
  else if (!(EXPORTABLE_SCHEMAS as readonly string[]).includes(ref.schema)) ctx.addIssue({ code: 'custom', message: `schema must be one of ${EXPORTABLE_SCHEMAS.join(', ')}` });
});

/** A row filter: one boolean expression over the table's own columns, in the expectation vocabulary. */
export const exportWhere = z.string().superRefine((sql, ctx) => {
  const problem = expectationSqlProblem(sql);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message });
});

/** The file's path under the connector's directory or prefix; its manifest is written beside it as `<path>.manifest.json`. */
export const exportPath = sourcePath.refine((path) => !/[*?]/.test(path) && !path.endsWith('/'), 'must name one file (no wildcard, no trailing /)');

/** What the worker writes beside an export: enough to check it arrived whole and to read it. */
export interface ExportManifest {
  exportId: string;
  table: string;
  format: ExportFormat;
  where: string | null;
  rows: number;
  bytes: number;
  sha256: string;
  columns: Array<{ name: string; type: string }>;
  exportedAt: string;
}
