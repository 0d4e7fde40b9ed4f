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
  'resource_exhausted',
  'permission_denied',
  'expectation_failed',
  /** Files in no known layout whose required columns the profiler could not map surely: a person must confirm the mapping. */
  'mapping_needed',
  /** A connector's server refused the worker: a failed login, a host key that is not the pinned one, missing credentials. */
  'connector_refused',
  'internal',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/** The classes the healing policy decides on; every code belongs to exactly one. */
export const FAILURE_CLASSES = ['transient', 'schema', 'data', 'resource', 'configuration', 'unknown'] as const;
export type FailureClass = (typeof FAILURE_CLASSES)[number];

const CLASS_OF: Record<FailureCode, FailureClass> = {
  source_not_found: 'configuration',
  source_unreadable: 'data',
  schema_mismatch: 'schema',
  catalog_unavailable: 'transient',
  invalid_job: 'configuration',
  dispatch_failed: 'transient',
  transient: 'transient',
  resource_exhausted: 'resource',
  permission_denied: 'configuration',
  expectation_failed: 'data',
  mapping_needed: 'schema',
  connector_refused: 'configuration',
  internal: 'unknown',
};

export function failureClassOf(code: FailureCode): FailureClass {
  return CLASS_OF[code];
}

/** What the healing policy did about a failure. */
export const HEALING_ACTIONS = ['retry', 'retry_smaller_batch', 'quarantine_file', 'reject_transaction_sets', 'fail_fast', 'give_up'] as const;
export type HealingAction = (typeof HEALING_ACTIONS)[number];

export const runFailureSchema = z
  .object({
    code: z.enum(FAILURE_CODES),
    message: z.string().max(2000),
  })
  .strict();
export type RunFailure = z.infer<typeof runFailureSchema>;
