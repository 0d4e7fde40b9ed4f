/** A pipeline source that cannot be read. Messages name the configured path, never file content. */
export class SourceError extends Error {
  override readonly name = 'SourceError';

  constructor(
    readonly kind: 'source_not_found' | 'source_unreadable',
    message: string,
  ) {
    super(message);
  }
}
