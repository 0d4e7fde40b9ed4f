import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InvalidFieldError, NotFoundError } from '../common/app-error';
import { WebhookConfig } from '../config/webhook.config';
import { isUniqueViolation } from '../database/unique-violation';
import { SecretBox } from '../secrets/secret-box';
import type { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { outboundTargetProblem } from '../common/outbound-target';
import { WebhookEndpointsRepository } from './webhooks.repository';

export interface EndpointWithSecret {
  endpoint: WebhookEndpoint;
  /** The whole secret when it was just generated, else null. */
  secret: string | null;
}

function newSigningSecret(): string {
  return randomBytes(32).toString('hex');
}

/** The tenant's webhook endpoint: where alerts go, and the secret that signs them. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly config: WebhookConfig,
    private readonly box: SecretBox,
  ) {}

  /** The columns that store a secret: encrypted, plus the last 4 characters for the masked view. */
  private sealed(secret: string): Pick<WebhookEndpoint, 'secretCiphertext' | 'secretLast4'> {
    return { secretCiphertext: this.box.encrypt(secret), secretLast4: secret.slice(-4) };
  }

  /** Sets the URL; the first time, also generates the signing secret (returned this once). */
  async set(tenantId: string, url: string): Promise<EndpointWithSecret> {
    const problem = await outboundTargetProblem(url, this.config.allowPrivateTargets);
    if (problem) throw new InvalidFieldError('url', problem);
    const existing = await this.endpoints.forTenant(tenantId);
    if (existing) return { endpoint: await this.endpoints.save(tenantId, Object.assign(existing, { url })), secret: null };
    const secret = newSigningSecret();
    try {
      const endpoint = await this.endpoints.insert(tenantId, Object.assign(new WebhookEndpoint(), { id: randomUUID(), tenantId, url, ...this.sealed(secret) }));
      return { endpoint, secret };
    } catch (error) {
      // Two first PUTs at once: the other one created it; this one changes its URL.
      if (!isUniqueViolation(error, 'webhook_endpoints_tenant_key')) throw error;
      return this.set(tenantId, url);
    }
  }

  async get(tenantId: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.forTenant(tenantId);
    if (!endpoint) throw new NotFoundError('webhook');
    return endpoint;
  }

  /** Pending deliveries fail at their next attempt (nothing left to deliver to). */
  async remove(tenantId: string): Promise<void> {
    if (!(await this.endpoints.removeForTenant(tenantId))) throw new NotFoundError('webhook');
  }

  /** A new secret at once: deliveries from now on, including retries, are signed with it. */
  async rotateSecret(tenantId: string): Promise<EndpointWithSecret> {
    const endpoint = await this.get(tenantId);
    const secret = newSigningSecret();
    return { endpoint: await this.endpoints.save(tenantId, Object.assign(endpoint, this.sealed(secret))), secret };
  }

  recentDeliveries(tenantId: string, limit: number): Promise<WebhookDelivery[]> {
    return this.deliveries.recent(tenantId, limit);
  }
}
