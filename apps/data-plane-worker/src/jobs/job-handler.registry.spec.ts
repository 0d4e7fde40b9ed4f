import { describe, expect, it } from 'vitest';
import { JOB_NAMES, type JobName } from '@ade/contracts';
import { assertExactlyOneHandlerEach, HandlerRegistrationError } from './job-handler.registry';

const everyJobHandledOnce = () => new Map<JobName, string[]>(JOB_NAMES.map((name) => [name, [`Handler.${name}`]]));

describe('job handler coverage', () => {
  it('accepts exactly one handler per job name', () => {
    expect(() => assertExactlyOneHandlerEach(everyJobHandledOnce())).not.toThrow();
  });

  it('refuses to boot when a job has no handler', () => {
    const found = everyJobHandledOnce();
    found.delete('pipeline.run');
    expect(() => assertExactlyOneHandlerEach(found)).toThrowError(new HandlerRegistrationError("job handlers are misconfigured: job 'pipeline.run' has no handler"));
  });

  it('refuses to boot when a job has two handlers', () => {
    const found = everyJobHandledOnce();
    found.set('catalog.provision', ['A.provision', 'B.provision']);
    expect(() => assertExactlyOneHandlerEach(found)).toThrowError(/'catalog.provision' has 2 handlers: A.provision, B.provision/);
  });
});
