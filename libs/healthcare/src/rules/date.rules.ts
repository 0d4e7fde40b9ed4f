import { defineRule } from './define-rule';
import { sqlInteger } from './sql/sql-text';
import { claimDateIn, epochDayOf, isoDateLiteralSql, parseClaimDate, requireIsoDate } from './values/claim-date';

/**
 * Date rules. All of them read dates with parseClaimDate / claimDateSql (YYYY-MM-DD, YYYYMMDD,
 * MM/DD/YYYY, DD-MMM-YYYY, ISO 8601 timestamps). Only date.format reports a value that does not parse; the ordering rules pass
 * whenever a date they compare does not parse, so one bad date is counted once.
 */
export const dateFormat = defineRule({
  id: 'date.format',
  family: 'integrity',
  severity: 'error',
  roles: ['date'],
  requires: ['date'],
  description: 'A date is a real calendar date written YYYY-MM-DD, YYYYMMDD, MM/DD/YYYY, DD-MMM-YYYY (e.g. 03-MAR-2023) or as an ISO 8601 timestamp.',
  message: 'Date is not a real date in YYYY-MM-DD, YYYYMMDD, MM/DD/YYYY, DD-MMM-YYYY or ISO timestamp form',
  test: ({ date }) => parseClaimDate(date) !== null,
  sql: ({ date }, context) => `${claimDateIn(date, context)} IS NOT NULL`,
});

export const serviceOrder = defineRule({
  id: 'dates.service_order',
  family: 'integrity',
  severity: 'error',
  roles: ['from', 'to'],
  requires: ['from', 'to'],
  description: 'The service start date is on or before the service end date (when both parse).',
  message: 'Service start date is after the service end date',
  test: ({ from, to }) => notAfter(parseClaimDate(from), parseClaimDate(to)),
  sql: ({ from, to }, context) => `coalesce(${claimDateIn(from, context)} <= ${claimDateIn(to, context)}, TRUE)`,
});

export const serviceInFuture = defineRule({
  id: 'dates.service_in_future',
  family: 'integrity',
  severity: 'error',
  roles: ['from', 'to'],
  requires: ['from'],
  description: 'Neither service date (where it parses) is after the as-of date of the validation run.',
  message: 'Service date is in the future',
  test: ({ from, to }, { asOf }) => notAfter(parseClaimDate(from), requireIsoDate(asOf)) && notAfter(parseClaimDate(to), asOf),
  sql: ({ from, to }, context) => {
    const { asOf } = context;
    const today = isoDateLiteralSql(asOf);
    return `coalesce(${claimDateIn(from, context)} <= ${today}, TRUE) AND coalesce(${claimDateIn(to, context)} <= ${today}, TRUE)`;
  },
});

export const receivedBeforeService = defineRule({
  id: 'dates.received_before_service',
  family: 'integrity',
  severity: 'error',
  roles: ['received', 'serviceEnd'],
  requires: ['received', 'serviceEnd'],
  description: 'A claim is received on or after the day its service ended (when both parse).',
  message: 'Claim received date is before the service end date',
  test: ({ received, serviceEnd }) => notAfter(parseClaimDate(serviceEnd), parseClaimDate(received)),
  sql: ({ received, serviceEnd }, context) => `coalesce(${claimDateIn(serviceEnd, context)} <= ${claimDateIn(received, context)}, TRUE)`,
});

export const timelyFiling = defineRule({
  id: 'business.timely_filing',
  family: 'business',
  severity: 'error',
  roles: ['received', 'serviceEnd'],
  requires: ['received', 'serviceEnd'],
  description:
    "A claim is received within the state pack's timely-filing days of the service end date (when both " +
    "parse; a receipt before service is another rule's).",
  message: "Claim was received after the state's timely-filing limit",
  test: ({ received, serviceEnd }, { statePack }) => {
    const limit = filingDays(statePack.timelyFilingDays);
    const end = parseClaimDate(serviceEnd);
    const receipt = parseClaimDate(received);
    return end === null || receipt === null || epochDayOf(receipt) - epochDayOf(end) <= limit;
  },
  sql: ({ received, serviceEnd }, context) =>
    `coalesce(${context.dialect.daysBetween(claimDateIn(serviceEnd, context), claimDateIn(received, context))} <= ${sqlInteger(filingDays(context.statePack.timelyFilingDays))}, TRUE)`,
});

/** a <= b for ISO dates; true when either is missing (nothing to compare). */
function notAfter(a: string | null, b: string | null): boolean {
  return a === null || b === null || a <= b;
}

function filingDays(days: number): number {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`timelyFilingDays must be a whole number of days, got ${days}`);
  return days;
}
