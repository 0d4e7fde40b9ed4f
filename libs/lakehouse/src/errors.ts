/**
 * Failures the catalog reports, each tagged with what kind of trouble it is so the worker can
 * decide whether to retry. Messages name files and tables, never row values.
 */
export type LakehouseErrorKind =
  | 'source_not_found'
  | 'source_unreadable'
  | 'schema_mismatch'
  | 'catalog_unavailable'
  | 'tenant_mismatch'
  /** The engine refused the credentials or their grants: configuration, not worth a retry. */
  | 'access_denied'
  | 'conflict'
  | 'resource_exhausted';

export class LakehouseError extends Error {
  override readonly name = 'LakehouseError';
  /**
   * Whether the same call, made again unchanged, can succeed. A conflict over a column plan made
   * from an older schema cannot: the caller must plan again.
   */
  readonly retryable: boolean;

  constructor(
    readonly kind: LakehouseErrorKind,
    message: string,
    options: { retryable?: boolean } = {},
  ) {
    super(message);
    this.retryable = options.retryable ?? true;
  }
}
