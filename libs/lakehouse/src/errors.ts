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

  constructor(
    readonly kind: LakehouseErrorKind,
    message: string,
  ) {
    super(message);
  }
}
