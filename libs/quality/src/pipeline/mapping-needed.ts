import type { MappingProposal } from '@ade/healthcare';

/**
 * The run's files are in no known layout and the profiler could not map their required columns
 * surely: the run stops with its proposal for a person to confirm. Names only, never values.
 */
export class MappingNeededError extends Error {
  override readonly name = 'MappingNeededError';
  readonly code = 'mapping_needed';

  constructor(
    readonly proposal: MappingProposal,
    /** Required columns the profiler found a candidate for but was unsure of. */
    readonly unsure: readonly string[],
  ) {
    super(
      `the files' columns for ${unsure.join(', ')} could not be mapped surely from their headers and values; ` +
        `review the proposed mapping (ade mapping show), then accept or edit it and run again`,
    );
  }
}
