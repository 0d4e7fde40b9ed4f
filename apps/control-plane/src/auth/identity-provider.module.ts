import { Module } from '@nestjs/common';
import { AuthSessionsConfig } from '../config/auth-sessions.config';
import { IdentityProviderController } from './identity-provider.controller';
import { IdentityProviderService } from './identity-provider.service';
import { IdentityProvidersRepository } from './identity-providers.repository';
import { IdpJwtStrategy, IdpKeyResolver } from './idp-jwt.strategy';
import { fetchJwksDocument, JwksClient } from './jwks-client';

/** Tenants' external identity providers: their configuration and the passport strategy for their tokens. */
@Module({
  controllers: [IdentityProviderController],
  providers: [
    IdentityProvidersRepository,
    IdentityProviderService,
    IdpKeyResolver,
    IdpJwtStrategy,
    {
      provide: JwksClient,
      inject: [AuthSessionsConfig],
      useFactory: (config: AuthSessionsConfig) => new JwksClient({ fetcher: (uri) => fetchJwksDocument(uri, { allowPrivate: config.allowPrivateJwks }) }),
    },
  ],
})
export class IdentityProviderModule {}
