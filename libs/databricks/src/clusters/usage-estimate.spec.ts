import { describe, expect, it } from 'vitest';
import { estimateUsage } from './usage-estimate';

const HOUR = 3_600_000;
const rates = { driverDbuPerHour: 1, workerDbuPerHour: 2 };

describe('estimateUsage', () => {
  it('bills the driver and the workers the events say, from start to termination', () => {
    const events = [
      { timestamp: 1 * HOUR, type: 'CREATING' },
      { timestamp: 1.5 * HOUR, type: 'RUNNING', details: { current_num_workers: 2 } },
      { timestamp: 2.5 * HOUR, type: 'UPSIZE_COMPLETED', details: { current_num_workers: 4 } },
      { timestamp: 3.5 * HOUR, type: 'TERMINATING' },
    ];
    // 0.5 h starting (no workers yet), 1 h with 2 workers, 1 h with 4.
    expect(estimateUsage(events, { from: 0, to: 10 * HOUR, workersAtStart: null }, rates)).toEqual({ hours: 2.5, nodeHours: 0.5 + 3 + 5, dbus: 0.5 + 5 + 9 });
  });

  it('counts a cluster running when the window opened from the window start, and one still running to its end', () => {
    expect(estimateUsage([], { from: 0, to: 2 * HOUR, workersAtStart: 3 }, rates)).toEqual({ hours: 2, nodeHours: 8, dbus: 14 });
    const stillRunning = [{ timestamp: 1 * HOUR, type: 'RESIZING', details: { current_num_workers: 1 } }];
    expect(estimateUsage(stillRunning, { from: 0, to: 2 * HOUR, workersAtStart: 3 }, rates).dbus).toBe(7 + 3);
  });

  it('ignores events outside the window and bills nothing for a cluster that never ran in it', () => {
    const events = [
      { timestamp: -HOUR, type: 'RUNNING', details: { current_num_workers: 8 } },
      { timestamp: 5 * HOUR, type: 'TERMINATING' },
    ];
    expect(estimateUsage(events, { from: 0, to: 2 * HOUR, workersAtStart: null }, rates)).toEqual({ hours: 0, nodeHours: 0, dbus: 0 });
  });

  it('reads events in time order whatever order they came in', () => {
    const events = [
      { timestamp: 2 * HOUR, type: 'TERMINATING' },
      { timestamp: 1 * HOUR, type: 'RUNNING', details: { current_num_workers: 1 } },
    ];
    expect(estimateUsage(events, { from: 0, to: 3 * HOUR, workersAtStart: null }, rates)).toEqual({ hours: 1, nodeHours: 2, dbus: 3 });
  });
});
