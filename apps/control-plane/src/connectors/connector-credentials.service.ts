import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { connectorCredentialsSchema, type ConnectorCredentials, type ConnectorCredentialsRequest } from '@ade/contracts';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { NotFoundError } from '../common/app-error';
import { DatabaseScope } from '../database/database-scope';
import { decryptForRelease } from '../secrets/released-secret';
import { SecretBox } from '../secrets/secret-box';

/** The audit action of a release; the entry names the connector and the work, never the secret. */
export const CREDENTIALS_RELEASED_ACTION = 'connector.credentials_released';

/** The work a worker says it holds, by the one id the request names (the schema makes sure there is exactly one). */
type QueuedWork = { runId: string } | { checkId: string } | { exportId: string };

function queuedWorkOf(request: ConnectorCredentialsRequest): QueuedWork {
  if (request.runId !== undefined) return { runId: request.runId.toLowerCase() };
  if (request.checkId !== undefined) return { checkId: request.checkId.toLowerCase() };
  if (request.exportId !== undefined) return { exportId: request.exportId.toLowerCase() };
  throw new Error('a credentials request names no work');
}

export interface ReleaseContext {
  /** Which accepted data-plane token asked (see acceptedDataPlaneToken). */
  tokenId: string;
  requestId: string | null;
  clientIp: string | null;
}

/**
 * Hands a connector's credentials to the data plane, by reference and only for work the control
 * plane queued: a queued or running run of a pipeline reading from the connector, a queued
 * check of it, or a queued export through it. Anything else (another tenant's connector, a finished run, a made-up id) is the
 * same 404. Every release is appended to the tenant's audit chain in the transaction that reads
 * the secret, so no release goes unrecorded.
 */
@Injectable()
export class ConnectorCredentialsService {
  private readonly logger = new Logger(ConnectorCredentialsService.name);

  constructor(
    private readonly scope: DatabaseScope,
    private readonly audit: AuditLogRepository,
    private readonly box: SecretBox,
  ) {}

  release(request: ConnectorCredentialsRequest, context: ReleaseContext): Promise<ConnectorCredentials> {
    const tenantId = request.tenantId.toLowerCase();
    const connectorId = request.connectorId.toLowerCase();
    const work = queuedWorkOf(request);
    return this.scope.forTenant(tenantId, async (tx) => {
      const rows: Array<{ name: string; kind: string; settings: unknown; secret_ciphertext: string }> = await tx.query(
        `SELECT name, kind, settings, secret_ciphertext FROM connectors WHERE tenant_id = $1 AND id = $2`,
        [tenantId, connectorId],
      );
      const connector = rows[0];
      if (!connector || !(await this.holdsQueuedWork(tx, tenantId, connectorId, work))) throw new NotFoundError('connector credentials');
      const plaintext = decryptForRelease(this.box, connector.secret_ciphertext, 'connector', this.logger, { tenantId, connectorId });
      const credentials = storedCredentials(connector, plaintext);
      await this.audit.appendIn(tx, {
        tenantId,
        actorType: 'system',
        actorId: `data-plane:${context.tokenId}`,
        actorRole: null,
        action: CREDENTIALS_RELEASED_ACTION,
        resourceType: 'connector',
        resourceId: connectorId,
        outcome: 'success',
        statusCode: 200,
        requestId: context.requestId,
        clientIp: context.clientIp,
        details: { kind: credentials.kind, ...work },
      });
      return credentials;
    });
  }

  private async holdsQueuedWork(tx: EntityManager, tenantId: string, connectorId: string, work: QueuedWork): Promise<boolean> {
    if ('runId' in work) {
      const rows: unknown[] = await tx.query(
        `SELECT 1 FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id AND p.tenant_id = r.tenant_id
         WHERE r.tenant_id = $1 AND r.id = $2 AND r.status IN ('queued', 'running') AND p.connector_id = $3`,
        [tenantId, work.runId, connectorId],
      );
      return rows.length > 0;
    }
    if ('checkId' in work) {
      const rows: unknown[] = await tx.query(
        `SELECT 1 FROM connector_checks WHERE tenant_id = $1 AND id = $2 AND connector_id = $3 AND status = 'queued'`,
        [tenantId, work.checkId, connectorId],
      );
      return rows.length > 0;
    }
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM table_exports WHERE tenant_id = $1 AND id = $2 AND connector_id = $3 AND status = 'queued'`,
      [tenantId, work.exportId, connectorId],
    );
    return rows.length > 0;
  }
}

/**
 * The credentials as stored, checked against their contract. A failure names no value: JSON.parse
 * quotes the text it fails on, and that text is the secret.
 */
function storedCredentials(connector: { name: string; kind: string; settings: unknown }, plaintext: string): ConnectorCredentials {
  let secret: unknown;
  try {
    secret = JSON.parse(plaintext);
  } catch {
    throw new Error('a stored connector secret is not JSON');
  }
  const parsed = connectorCredentialsSchema.safeParse({ kind: connector.kind, name: connector.name, settings: connector.settings, secret });
  if (!parsed.success) throw new Error(`a stored connector does not match its contract at ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  return parsed.data;
}
