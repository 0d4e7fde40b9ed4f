import type { Logger } from '@nestjs/common';
import type { RunFailure } from '@ade/contracts';
import { classifyFailure } from '../healing/failure-classifier';
import { errorForQueue } from '../healing/failure-policy';
import { decideHealing } from '../healing/healing-policy';
import type { JobContext } from './job-handler.decorator';

/**
 * What a job that is not a run does when it fails: classify the error, let the healing policy
 * decide, log it (ids and the failure code, never the error's own text), report the failure once
 * no retry follows, and hand back the error to throw so the queue retries or gives up.
 */
export async function jobFailure(
  error: unknown,
  context: JobContext,
  report: { logger: Logger; msg: string; ids: Record<string, string>; whenFinal: (failure: RunFailure) => Promise<void> },
): Promise<Error> {
  const classified = classifyFailure(error);
  const decision = decideHealing(classified.failureClass, 'run', context.attempt, context.maxAttempts);
  report.logger.error({ msg: report.msg, ...report.ids, code: classified.failure.code, attempt: context.attempt, action: decision.action });
  if (!decision.retry) await report.whenFinal(classified.failure);
  return errorForQueue(classified.failure, decision.retry);
}
