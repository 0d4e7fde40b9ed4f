import { Module } from '@nestjs/common';
import { IdentityProviderController } from './identity-provider.controller';
import { IdentityProviderService } from './identity-provider.service';
import { IdentityProvidersRepository } from './identity-providers.repository';
import { IdpJwtStrategy, IdpKeyResolver } from './idp-jwt.strategy';
import { JwksClient } from './jwks-client';

/** Tenants' external identity providers: their configuration and the passport strategy for their tokens. */
@Module({
  controllers: [IdentityProviderController],
  providers: [
    IdentityProvidersRepository,
    IdentityProviderService,
    IdpKeyResolver,
    IdpJwtStrategy,
    { provide: JwksClient, useFactory: () => new JwksClient() },
  ],
})
export class IdentityProviderModule {}
