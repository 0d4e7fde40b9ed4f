/** No wait between two attempts of a delivery exceeds this, however many attempts are configured. */
export const WEBHOOK_BACKOFF_CAP_MS = 3_600_000;
