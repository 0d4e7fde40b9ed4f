import type { ConnectorCheck } from './connector-check.entity';
import type { Connector } from './connector.entity';
import { maskedSecret } from './connector-secret';

/** What the API shows of a connector: its settings, and of the secret only its type and a masked hint. */
export function connectorView(connector: Connector) {
  return {
    id: connector.id,
    name: connector.name,
    kind: connector.kind,
    settings: connector.settings,
    secret: { type: connector.secretType, masked: maskedSecret(connector.secretHint) },
    createdAt: connector.createdAt,
    updatedAt: connector.updatedAt,
  };
}

export function connectorCheckView(check: ConnectorCheck) {
  return {
    id: check.id,
    status: check.status,
    requestedAt: check.requestedAt.toISOString(),
    finishedAt: check.finishedAt?.toISOString() ?? null,
    fileCount: check.fileCount,
    totalBytes: check.totalBytes,
    files: check.files,
    error: check.errorCode ? { code: check.errorCode, message: check.errorMessage } : null,
  };
}
