import { describe, expect, it } from 'vitest';
import { JobsInFlight } from './jobs-in-flight';

/** A process CPU clock the test advances by hand (microseconds, as process.cpuUsage counts). */
function cpuClock() {
  let user = 0;
  let system = 0;
  return {
    spend: (userMs: number, systemMs = 0) => {
      user += userMs * 1000;
      system += systemMs * 1000;
    },
    usage: (previous?: NodeJS.CpuUsage) => (previous ? { user: user - previous.user, system: system - previous.system } : { user, system }),
  };
}

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

describe('JobsInFlight', () => {
  it('measures the user and system CPU spent while a lone job ran', async () => {
    const clock = cpuClock();
    const jobs = new JobsInFlight(clock.usage);
    clock.spend(500);
    const measured = await jobs.around(async () => {
      const meter = jobs.meter();
      clock.spend(1200, 300);
      return meter.finish();
    });
    expect(measured).toEqual({ cpuMs: 1500, sharedWorker: false });
  });

  it('marks a run shared when another job starts during it, or was running when it started', async () => {
    const clock = cpuClock();
    const jobs = new JobsInFlight(clock.usage);
    const first = gate();
    const second = gate();
    const run = jobs.around(async () => {
      const meter = jobs.meter();
      await first.opened;
      return meter.finish();
    });
    const other = jobs.around(async () => {
      const meter = jobs.meter();
      await second.opened;
      return meter.finish();
    });
    first.open();
    expect(await run).toMatchObject({ sharedWorker: true });
    second.open();
    expect(await other).toMatchObject({ sharedWorker: true });
    const alone = await jobs.around(async () => jobs.meter().finish());
    expect(alone).toMatchObject({ sharedWorker: false });
  });

  it('forgets a job that failed', async () => {
    const jobs = new JobsInFlight(cpuClock().usage);
    await expect(jobs.around(async () => Promise.reject(new Error('run failed')))).rejects.toThrow('run failed');
    expect(await jobs.around(async () => jobs.meter().finish())).toMatchObject({ sharedWorker: false });
  });
});
