import { NO_VALUES_TYPE } from '../lakehouse.port';

/** Per column: the inferred type, VARCHAR when a sampled value does not fit it, NO_VALUES_TYPE when it has no values. */
export function confirmedType(inferred: string, sample: { values: number; misfits: number }): string {
  if (sample.values === 0) return NO_VALUES_TYPE;
  return sample.misfits > 0 ? 'VARCHAR' : inferred;
}
