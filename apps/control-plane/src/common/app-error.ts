/**
 * Errors a feature module raises on purpose. The code decides the HTTP status in one place
 * (the error filter); the message is safe to show to the caller.
 */
export type AppErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many_requests'
  | 'unavailable'
  /** The tenant's billing does not allow this (suspended, canceled, or a plan limit reached). */
  | 'payment_required'
  /** The password was right; the account's second factor (a TOTP or recovery code) is needed too. */
  | 'mfa_required'
  /** The tenant requires MFA and the caller has not enrolled: only enrolment is open to them. */
  | 'mfa_enrollment_required';

export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  override readonly name: string = 'AppError';

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  constructor(resource: string) {
    super('not_found', `${resource} not found`);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, fields: FieldProblem[] = []) {
    super('conflict', message, fields);
  }
}

export class InvalidFieldError extends AppError {
  constructor(field: string, message: string) {
    super('validation_failed', `${field}: ${message}`, [{ field, message }]);
  }
}

export class UnavailableError extends AppError {
  constructor(message: string) {
    super('unavailable', message);
  }
}

/** Throttled: the caller may try again after `retryAfterSeconds` (sent as `Retry-After`). */
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too_many_requests', message);
  }
}

/** Billing stands in the way: the message says what (the state, or the plan limit by name). */
export class PaymentRequiredError extends AppError {
  constructor(message: string) {
    super('payment_required', message);
  }
}
