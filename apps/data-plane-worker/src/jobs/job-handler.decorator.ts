import { SetMetadata } from '@nestjs/common';
import type { JobName, JobOf } from '@ade/contracts';

export const JOB_HANDLER = 'ade:jobHandler';

/** What a handler learns about the delivery it is processing. */
export interface JobContext {
  /** 1 on the first delivery; counts retries after failures. */
  attempt: number;
  maxAttempts: number;
  /** The failure code the previous delivery of this job ended with, if any. */
  previousFailureCode?: string;
}

export type JobHandlerFn<N extends JobName> = (job: JobOf<N>, context: JobContext) => Promise<unknown>;

/** Marks a provider method as the handler of one job name; the registry checks coverage at boot. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);
