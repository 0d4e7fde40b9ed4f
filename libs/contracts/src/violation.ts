import type { z } from 'zod';

/** A message that does not match its contract. Never retried: the same bytes fail the same way. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

/** Field paths and messages only: a payload's values are never echoed, so no PHI can leak. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
