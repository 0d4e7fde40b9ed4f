import { Injectable, Logger } from '@nestjs/common';
import { ConflictError, InvalidFieldError, NotFoundError } from '../common/app-error';
import { outboundTargetProblem } from '../common/outbound-target';
import { AuthSessionsConfig } from '../config/auth-sessions.config';
import { AuthConfig } from '../config/control-plane.config';
import { isUniqueViolation } from '../database/unique-violation';
import type { IdentityProviderDto } from './dto/identity-provider.dto';
import { IdentityProvidersRepository, type IdentityProvider } from './identity-providers.repository';
import { JwksClient } from './jwks-client';

/** Platform operators connect a tenant to its own identity provider (or disconnect it). */
@Injectable()
export class IdentityProviderService {
  private readonly logger = new Logger(IdentityProviderService.name);

  constructor(
    private readonly providers: IdentityProvidersRepository,
    private readonly jwks: JwksClient,
    private readonly auth: AuthConfig,
    private readonly config: AuthSessionsConfig,
  ) {}

  async put(tenantId: string, dto: IdentityProviderDto): Promise<IdentityProvider> {
    this.checkUrl('issuer', dto.issuer);
    this.checkUrl('jwksUri', dto.jwksUri);
    // Tokens anyone can send make the control plane fetch this URL: it must lead outside the platform.
    const problem = await outboundTargetProblem(dto.jwksUri, this.config.allowPrivateJwks);
    if (problem) throw new InvalidFieldError('jwksUri', problem);
    // Our own tokens are HS256 under our issuer; an RS256 token claiming that issuer must never find a key.
    if (dto.issuer === this.auth.issuer) throw new InvalidFieldError('issuer', 'must not be the control plane’s own issuer');
    let provider: IdentityProvider | null;
    try {
      provider = await this.providers.upsert(tenantId, dto);
    } catch (error) {
      if (isUniqueViolation(error, 'tenant_identity_providers_issuer_key')) {
        throw new ConflictError('this issuer is already connected to a tenant', [{ field: 'issuer', message: 'is already in use' }]);
      }
      throw error;
    }
    if (!provider) throw new NotFoundError('tenant');
    this.jwks.forget(provider.jwksUri);
    this.logger.log({ msg: 'identity provider configured', tenantId });
    return provider;
  }

  async delete(tenantId: string): Promise<void> {
    const removed = await this.providers.delete(tenantId);
    if (!removed) throw new NotFoundError('identity provider');
    this.jwks.forget(removed.jwksUri);
    this.logger.log({ msg: 'identity provider removed', tenantId });
  }

  private checkUrl(field: string, value: string): void {
    const url = new URL(value);
    const allowed = this.config.allowInsecureIdentityProviders ? ['https:', 'http:'] : ['https:'];
    if (!allowed.includes(url.protocol)) throw new InvalidFieldError(field, 'must be an https URL');
    if (url.username || url.password) throw new InvalidFieldError(field, 'must not contain credentials');
  }
}

export function identityProviderView(provider: IdentityProvider) {
  return {
    tenantId: provider.tenantId,
    issuer: provider.issuer,
    jwksUri: provider.jwksUri,
    audience: provider.audience,
    emailClaim: provider.emailClaim,
    createdAt: provider.createdAt,
    updatedAt: provider.updatedAt,
  };
}
