import type { TableExport } from './table-export.entity';

/** What the API shows of an export: the request, and the counts and digest the worker reported. */
export function tableExportView(entry: TableExport) {
  return {
    id: entry.id,
    status: entry.status,
    table: entry.table,
    connectorId: entry.connectorId,
    path: entry.path,
    format: entry.format,
    where: entry.where,
    requestedAt: entry.requestedAt.toISOString(),
    finishedAt: entry.finishedAt?.toISOString() ?? null,
    rowCount: entry.rowCount,
    bytes: entry.bytes,
    sha256: entry.sha256,
    error: entry.errorCode ? { code: entry.errorCode, message: entry.errorMessage } : null,
  };
}
