import { QueryFailedError } from 'typeorm';

/**
 * True when PostgreSQL refused a write on a unique constraint. Checking first and inserting second
 * leaves a window for a concurrent request; the constraint is what really decides.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}

/** True when PostgreSQL refused a write (or a delete) on the named foreign key. */
export function isForeignKeyViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23503' && driverError.constraint === constraint;
}
