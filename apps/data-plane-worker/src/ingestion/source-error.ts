/**
 * A pipeline source that cannot be read. Messages name the configured path or connector, never
 * file content or a credential.
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';

  constructor(
    readonly kind: 'source_not_found' | 'source_unreadable' | 'connector_refused' | 'transient',
    message: string,
  ) {
    super(message);
  }
}
