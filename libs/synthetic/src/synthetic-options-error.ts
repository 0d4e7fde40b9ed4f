/** Generator options that cannot produce valid data; the message names the option, never data. */
export class SyntheticOptionsError extends Error {
  override readonly name = 'SyntheticOptionsError';
  readonly code = 'synthetic_invalid_options';
}
