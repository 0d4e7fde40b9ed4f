import type { DataType } from '@ade/contracts';
import { canonicalSchema, mapHeaders } from '@ade/healthcare';

/**
 * The `canonicalOf` a pipeline's planner uses: the canonical column of the pipeline's data type a
 * header names, by name or synonym (as `mapHeaders` maps it), or null. Two headers with the same
 * canonical column are one column under two names.
 */
export function canonicalOfFor(dataType: DataType): (header: string) => string | null {
  const schema = canonicalSchema(dataType);
  return (header) => mapHeaders([header], schema).mapped[0]?.canonical ?? null;
}
