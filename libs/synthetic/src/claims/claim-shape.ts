/**
 * How a new claim is built. Every shape but `regular` is a one-line claim that carries a defect
 * in its claim-level values, so that the defect sits on exactly one row:
 *
 * - `regular`: a valid claim of one to four lines.
 * - `future`: service 1..365 days after asOf (`future_service_date`).
 * - `former_member`: a valid-looking claim for a member whose enrollment ended before the service
 *   window (`service_outside_eligibility`).
 * - `reversed_line_dates`: claim dates in order over at least two days, the line's dates swapped
 *   (`service_dates_reversed`).
 * - `late_received`: received after the longest timely-filing limit (`late_filing`).
 */
export type ClaimShape = 'regular' | 'future' | 'former_member' | 'reversed_line_dates' | 'late_received';
