/** The control plane's own queue for the periodic retention job (under QUEUE_PREFIX like every queue). */
export const RETENTION_QUEUE = 'retention';
export const RETENTION_JOB = 'retention.apply';
/** The one job scheduler of the retention queue; upserting it again replaces its interval. */
export const RETENTION_SCHEDULER_ID = 'retention';
