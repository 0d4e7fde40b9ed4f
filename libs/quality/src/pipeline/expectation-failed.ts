/** A `fail` expectation failed: the run stops and nothing it judged is written. */
export class ExpectationFailedError extends Error {
  override readonly name = 'ExpectationFailedError';
  readonly code = 'expectation_failed';

  constructor(readonly failures: ReadonlyArray<{ id: string; failed: number }>) {
    super(
      `expectations with action 'fail' did not hold: ${failures.map((failure) => `${failure.id} (${failure.failed} row${failure.failed === 1 ? '' : 's'})`).join(', ')}`,
    );
  }
}
