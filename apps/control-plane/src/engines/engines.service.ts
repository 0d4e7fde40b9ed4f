import { Injectable, Logger } from '@nestjs/common';
import { engineCredentialsSchema, type CatalogEngineRequest, type CatalogEngineView, type EngineCredentials } from '@ade/contracts';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { CatalogProvisioner } from '../catalog/catalog-provisioner';
import { NotFoundError } from '../common/app-error';
import { DatabaseScope } from '../database/database-scope';
import { decryptForRelease } from '../secrets/released-secret';
import { SecretBox } from '../secrets/secret-box';
import { TenantsRepository } from '../tenants/tenants.repository';
import { EngineSettingsRepository, engineView, type StoredEngineSettings } from './engine-settings.repository';

/** The audit action of a release; the entry names the tenant and the engine, never the secret. */
export const ENGINE_CREDENTIALS_RELEASED_ACTION = 'engine.credentials_released';

export interface EngineReleaseContext {
  /** Which accepted data-plane token asked (see acceptedDataPlaneToken). */
  tokenId: string;
  requestId: string | null;
  clientIp: string | null;
}

/**
 * Where a tenant's catalog lives. An operator chooses the engine; the workspace secret is kept
 * encrypted under SECRETS_KEYS and only ever leaves to a worker that holds the tenant's catalog
 * work. A change of engine provisions the catalog on the new engine (the old one is left as it
 * is: moving data between engines is an export and a load, not a side effect).
 */
@Injectable()
export class EnginesService {
  private readonly logger = new Logger(EnginesService.name);

  constructor(
    private readonly engines: EngineSettingsRepository,
    private readonly tenants: TenantsRepository,
    private readonly provisioner: CatalogProvisioner,
    private readonly scope: DatabaseScope,
    private readonly audit: AuditLogRepository,
    private readonly box: SecretBox,
  ) {}

  async view(tenantId: string): Promise<CatalogEngineView> {
    const engine = await this.engines.find(tenantId);
    if (!engine) throw new NotFoundError('tenant');
    return engineView(engine);
  }

  async choose(tenantId: string, request: CatalogEngineRequest): Promise<CatalogEngineView> {
    const next =
      request.kind === 'embedded'
        ? { kind: request.kind, settings: null, secretCiphertext: null }
        : { kind: request.kind, settings: settingsOf(request), secretCiphertext: this.box.encrypt(JSON.stringify(request.credentials)) };
    const replaced = await this.engines.replace(tenantId, next);
    if (!replaced) throw new NotFoundError('tenant');
    if (needsProvisioning(replaced.before, replaced.after)) {
      const tenant = await this.tenants.findById(tenantId);
      if (tenant) await this.provisioner.provision(tenant);
    }
    return engineView(replaced.after);
  }

  /** For the data plane: 404 alike for an unknown tenant, an embedded one, and one with no catalog work queued. */
  release(tenantId: string, context: EngineReleaseContext): Promise<EngineCredentials> {
    return this.scope.forTenant(tenantId, async (tx) => {
      const engine = await this.engines.findIn(tx, tenantId);
      if (!engine || engine.kind !== 'databricks' || !engine.settings || !engine.secretCiphertext) throw new NotFoundError('engine credentials');
      if (!(await this.engines.holdsCatalogWork(tx, tenantId))) throw new NotFoundError('engine credentials');
      const plaintext = decryptForRelease(this.box, engine.secretCiphertext, 'engine', this.logger, { tenantId });
      const credentials = releasedCredentials(tenantId, engine.settings, plaintext);
      await this.audit.appendIn(tx, {
        tenantId,
        actorType: 'system',
        actorId: `data-plane:${context.tokenId}`,
        actorRole: null,
        action: ENGINE_CREDENTIALS_RELEASED_ACTION,
        resourceType: 'tenant',
        resourceId: tenantId,
        outcome: 'success',
        statusCode: 200,
        requestId: context.requestId,
        clientIp: context.clientIp,
        details: { kind: 'databricks', host: engine.settings.host, auth: engine.settings.auth },
      });
      return credentials;
    });
  }
}

function settingsOf({ host, httpPath, credentials, access }: Extract<CatalogEngineRequest, { kind: 'databricks' }>): StoredEngineSettings {
  const signIn = 'clientId' in credentials ? { auth: 'oauth-m2m' as const, clientId: credentials.clientId } : { auth: 'token' as const, clientId: null };
  return { host, httpPath, ...signIn, access };
}

/**
 * A new engine means a catalog to provision. On Databricks every change does (provisioning is
 * idempotent): another workspace needs the catalog, other reader groups need their grants and
 * mask, and new credentials may sign in as another principal, whom the PHI mask must let through
 * before its jobs read silver. Back on embedded with nothing changed, nothing is queued.
 */
function needsProvisioning(before: { kind: string }, after: { kind: string }): boolean {
  return before.kind !== after.kind || after.kind === 'databricks';
}

/** The stored secret joined with its settings, checked against the contract; a failure names paths, never the value. */
function releasedCredentials(tenantId: string, settings: StoredEngineSettings, plaintext: string): EngineCredentials {
  let credentials: unknown;
  try {
    credentials = JSON.parse(plaintext);
  } catch {
    throw new Error('a stored engine secret is not JSON');
  }
  const parsed = engineCredentialsSchema.safeParse({ tenantId, kind: 'databricks', host: settings.host, httpPath: settings.httpPath, credentials, access: settings.access });
  if (!parsed.success) throw new Error(`a stored engine does not match its contract at ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  return parsed.data;
}
