import { z } from 'zod';

/**
 * Why a run failed, as reported by a worker. Messages are built by the worker from the failure
 * class and configuration (paths, table names), never from row contents.
 */
export const FAILURE_CODES = [
  'source_not_found',
  'source_unreadable',
  'schema_mismatch',
  'catalog_unavailable',
  'invalid_job',
  'dispatch_failed',
  'transient',
  'internal',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export const runFailureSchema = z
  .object({
    code: z.enum(FAILURE_CODES),
    message: z.string().max(2000),
  })
  .strict();
export type RunFailure = z.infer<typeof runFailureSchema>;
