import { Injectable } from '@nestjs/common';

type CpuUsage = (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage;

/** A run's CPU as far as one process can tell it. */
export interface CpuMeasure {
  /** User + system CPU of the whole worker process (every thread, DuckDB's included) while the run was in flight. */
  cpuMs: number;
  /** Another job ran in the same process at some point meanwhile: part of `cpuMs` was its. */
  sharedWorker: boolean;
}

export interface CpuMeter {
  finish(): CpuMeasure;
}

/**
 * The jobs this worker process is running, so that a run's CPU can be measured honestly: the
 * operating system counts CPU per process, not per job, so a run that overlapped another job
 * reports the process's CPU and says it was shared.
 */
@Injectable()
export class JobsInFlight {
  private running = 0;
  private readonly meters = new Set<{ shared: boolean }>();

  constructor(private readonly cpuUsage: CpuUsage = process.cpuUsage) {}

  /** Runs one job counted as in flight; every meter open meanwhile learns it was shared. */
  async around<T>(job: () => Promise<T>): Promise<T> {
    this.running += 1;
    if (this.running > 1) for (const meter of this.meters) meter.shared = true;
    try {
      return await job();
    } finally {
      this.running -= 1;
    }
  }

  /** Starts measuring the job now in flight (inside `around`). */
  meter(): CpuMeter {
    const entry = { shared: this.running > 1 };
    this.meters.add(entry);
    const start = this.cpuUsage();
    return {
      finish: () => {
        this.meters.delete(entry);
        const used = this.cpuUsage(start);
        return { cpuMs: Math.round((used.user + used.system) / 1000), sharedWorker: entry.shared };
      },
    };
  }
}
