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

type Segment = PropertyKey | StandardSchemaV1.PathSegment;
const keyOf = (segment: Segment): PropertyKey => (typeof segment === 'object' ? segment.key : segment);

/** The value at a path of the request, or undefined. */
function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[keyOf(segment)];
  }
  return value;
}

/** Where keys sit among their object's keys, 1-based: `key 3 of 4`. */
function positions(container: unknown, keys: readonly string[]): string {
  const names = container && typeof container === 'object' ? Object.keys(container) : [];
  const at = keys.map((key) => names.indexOf(key) + 1).filter((position) => position > 0);
  return `${at.length === 1 ? 'key' : 'keys'} ${at.join(', ')} of ${names.length}`;
}

/**
 * A key a caller made up is text of the caller's, which could be anything (a member's name, a
 * record's first line): an issue about one names it by its position in its object, never by
 * itself, both in the message (an unknown key) and in the path (a key of a record that is not
 * allowed).
 */
export function withoutEchoedKeys(issue: StandardSchemaV1.Issue, request: unknown): StandardSchemaV1.Issue {
  const raw = issue as StandardSchemaV1.Issue & { code?: string; keys?: string[] };
  const path = issue.path ?? [];
  if (raw.code === 'unrecognized_keys' && raw.keys) {
    const count = raw.keys.length;
    return { ...issue, message: `${count === 1 ? 'has an unknown key' : `has ${count} unknown keys`} (${positions(valueAt(request, path), raw.keys)}); see the API reference for the fields it takes` };
  }
  if (raw.code === 'invalid_key' && path.length > 0) {
    const parent = path.slice(0, -1);
    const key = String(keyOf(path[path.length - 1]!));
    return { ...issue, path: [...parent, `(${positions(valueAt(request, parent), [key])})`] };
  }
  return issue;
}

/** The standard pipe, with issues about caller-made keys rewritten before anything reports them. */
class KeySafeValidationPipe extends StandardSchemaValidationPipe {
  protected override async validate<T = unknown>(value: unknown, schema: StandardSchemaV1, options?: Record<string, unknown>): Promise<StandardSchemaV1.Result<T>> {
    const result = await super.validate<T>(value, schema, options);
    return result.issues ? { issues: result.issues.map((issue) => withoutEchoedKeys(issue, value)) } : result;
  }
}

export function requestValidationPipe(): StandardSchemaValidationPipe {
  return new KeySafeValidationPipe({
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
