import { z } from 'zod';
import { sourceColumnName } from './column-names';

/** A canonical column's name (`claim_line_start_date`). */
const canonicalName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a canonical column name');
/** A column of the pipeline's files as bronze holds it: a name, never a value. */
const sourceColumn = sourceColumnName;
const ratio = z.number().min(0).max(1);

/**
 * The column mapping a person accepted for a pipeline (canonical column → bronze column),
 * versioned: each acceptance or edit is a new version, and runs read files by the newest.
 */
export const acceptedMappingSchema = z
  .object({
    version: z.int().min(1),
    columns: z.record(canonicalName, sourceColumn),
  })
  .strict();
export type AcceptedMapping = z.infer<typeof acceptedMappingSchema>;

/** One column of a proposed mapping, with the evidence behind it. Shares and names only. */
export const proposedColumnSchema = z
  .object({
    canonical: canonicalName,
    source: sourceColumn,
    confidence: ratio,
    applied: z.boolean(),
    evidence: z
      .object({
        header: z.object({ by: z.enum(['name', 'synonym', 'words', 'values']), closestTo: z.string().max(256), score: ratio }).strict(),
        values: z.object({ probe: z.string().max(64), description: z.string().max(200), share: ratio, nonBlank: z.int().min(0) }).strict().nullable(),
        rival: z.object({ canonical: canonicalName, source: sourceColumn, confidence: ratio }).strict().nullable(),
      })
      .strict(),
  })
  .strict();

/**
 * The mapping the profiler proposed for files in no known layout: applied where it was sure,
 * asked about where it was not. A run stops with it when a required column is among the asked.
 */
export const mappingProposalSchema = z
  .object({
    threshold: ratio,
    columns: z.array(proposedColumnSchema).max(2000),
    unmatched: z.array(sourceColumn).max(2000),
    missingRequired: z.array(canonicalName).max(500),
  })
  .strict();
export type MappingProposalReport = z.infer<typeof mappingProposalSchema>;
