/** The calendar month (UTC) containing `at`, as [start, end): the period plan allowances count in. */
export function billingMonth(at: Date): { month: string; from: Date; to: Date } {
  const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const to = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { month: from.toISOString().slice(0, 7), from, to };
}

/**
 * What a month's records cost beyond the plan's allowance: each started thousand over the
 * included records at the plan's price, in cents.
 */
export function overage(records: number, plan: { includedRecordsPerMonth: number; pricePerThousandRecordsCents: number }): { records: number; cents: number } {
  const over = Math.max(0, records - plan.includedRecordsPerMonth);
  return { records: over, cents: Math.ceil(over / 1000) * plan.pricePerThousandRecordsCents };
}

/** The month before `month` (as billingMonth gives it). */
export function previousMonth(month: { from: Date }): { month: string; from: Date; to: Date } {
  return billingMonth(new Date(month.from.getTime() - 1));
}
