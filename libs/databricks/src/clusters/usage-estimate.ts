/** One entry of `POST /api/2.1/clusters/events`, the fields the estimate reads. */
export interface ClusterEvent {
  timestamp: number;
  type: string;
  details?: { current_num_workers?: number; target_num_workers?: number };
}

export interface UsageWindow {
  from: number;
  to: number;
  /** Workers when the window opened, if the cluster was running then; null if it was not. */
  workersAtStart: number | null;
}

export interface UsageEstimate {
  /** Hours the cluster ran in the window. */
  hours: number;
  /** Node-hours (driver and workers) in the window. */
  nodeHours: number;
  dbus: number;
}

/** Events that leave a cluster running, and those that stop it. */
const STARTS = new Set(['RUNNING', 'STARTING', 'RESTARTING', 'CREATING']);
const STOPS = new Set(['TERMINATING']);
const HOUR_MS = 3_600_000;

/**
 * DBUs a cluster used in a window, from its events: it runs from a start event (or the window's
 * start, if it was running then) until TERMINATING, with the workers the last event that gave a
 * `current_num_workers` said, and bills the driver's rate plus each worker's for that time.
 */
export function estimateUsage(events: readonly ClusterEvent[], window: UsageWindow, rates: { driverDbuPerHour: number; workerDbuPerHour: number }): UsageEstimate {
  let running = window.workersAtStart !== null;
  let workers = window.workersAtStart ?? 0;
  let since = window.from;
  let hours = 0;
  let nodeHours = 0;
  let dbus = 0;
  const close = (at: number) => {
    if (!running || at <= since) return;
    const span = (at - since) / HOUR_MS;
    hours += span;
    nodeHours += span * (1 + workers);
    dbus += span * (rates.driverDbuPerHour + workers * rates.workerDbuPerHour);
  };
  const inWindow = events.filter((event) => event.timestamp >= window.from && event.timestamp <= window.to).sort((a, b) => a.timestamp - b.timestamp);
  for (const event of inWindow) {
    close(event.timestamp);
    since = event.timestamp;
    if (STOPS.has(event.type)) running = false;
    else if (STARTS.has(event.type)) running = true;
    if (event.details?.current_num_workers !== undefined) workers = event.details.current_num_workers;
  }
  close(window.to);
  return { hours, nodeHours, dbus };
}
