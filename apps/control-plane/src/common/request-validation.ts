import { StandardSchemaValidationPipe } from '@nestjs/common';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { AppError, type FieldProblem } from './app-error';

/** Field paths and messages only; the submitted values are never echoed back or logged. */
export function fieldProblems(issues: readonly StandardSchemaV1.Issue[]): FieldProblem[] {
  return issues.map((issue) => ({
    field: (issue.path ?? []).map((segment) => (typeof segment === 'object' ? segment.key : segment)).join('.') || '(request)',
    message: issue.message,
  }));
}

export function requestValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
    exceptionFactory: (issues) => {
      const fields = fieldProblems(issues);
      return new AppError(
        'validation_failed',
        fields.map((f) => `${f.field}: ${f.message}`).join('; '),
        fields,
      );
    },
  });
}
