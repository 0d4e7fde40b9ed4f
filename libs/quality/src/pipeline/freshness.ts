import type { ExpectationOverride, ExpectationResult, QualitySettings } from '@ade/contracts';
import { epochDayOf } from '@ade/healthcare';
import { serviceDateColumn } from '@ade/quality-model';

/** How old the newest service date of a delivery may be, when the pipeline does not say. */
export const DEFAULT_FRESHNESS_MAX_DAYS = 365;

const ID = 'business.freshness';

/**
 * `business.freshness` judges the run, not a row: its newest service date against the run date.
 * It counts one failure when the data is older than allowed. `drop` has no row to drop, so it
 * acts as `warn`; `fail` fails the run.
 */
export function freshnessResult(settings: QualitySettings, newestServiceDate: string | null, asOf: string, present: ReadonlySet<string>): ExpectationResult | null {
  const override: ExpectationOverride | undefined = settings.expectations.find((entry) => entry.id === ID && entry.sql === undefined);
  if (override?.enabled === false || serviceDateColumn((column) => present.has(column)) === null || newestServiceDate === null) return null;
  const maxDays = settings.freshnessMaxDays ?? DEFAULT_FRESHNESS_MAX_DAYS;
  const age = epochDayOf(asOf) - epochDayOf(newestServiceDate);
  const action = override?.action === 'fail' ? 'fail' : 'warn';
  return { id: ID, rule: ID, family: 'freshness', dimension: 'consistency', action, column: null, failed: age > maxDays ? 1 : 0, samples: [] };
}
