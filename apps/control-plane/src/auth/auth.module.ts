import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AuthConfig } from '../config/control-plane.config';
import { RateLimitsModule } from '../rate-limits/rate-limits.module';
import { TenantRateLimitGuard } from '../rate-limits/tenant-rate-limit.guard';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { JwtAuthGuard, RolesGuard } from './auth.guards';
import { AuthService } from './auth.service';
import { JWT_ALGORITHM, JwtStrategy } from './jwt.strategy';
import { LoginThrottle } from './login-throttle';
import { IdentityProviderModule } from './identity-provider.module';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionRevocations } from './session-revocations';
import { SessionsService } from './sessions.service';
import { QualityModule } from '../quality/quality.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { RefreshReuseRecorder } from './refresh-reuse.recorder';

@Module({
  imports: [
    PassportModule,
    UsersModule,
    ApiKeysModule,
    RateLimitsModule,
    IdentityProviderModule,
    QualityModule,
    WebhooksModule,
    JwtModule.registerAsync({
      inject: [AuthConfig],
      useFactory: (config: AuthConfig) => ({
        secret: config.jwtSecret.reveal(),
        signOptions: {
          algorithm: JWT_ALGORITHM,
          issuer: config.issuer,
          audience: config.audience,
          expiresIn: config.accessTokenTtlSeconds,
        },
        verifyOptions: { algorithms: [JWT_ALGORITHM], issuer: config.issuer, audience: config.audience },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    LoginThrottle,
    JwtStrategy,
    SessionsService,
    RefreshTokensRepository,
    RefreshReuseRecorder,
    SessionRevocations,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    // After authentication and roles (global guards run in registration order): it needs the caller's tenant.
    { provide: APP_GUARD, useExisting: TenantRateLimitGuard },
  ],
})
export class AuthModule {}
