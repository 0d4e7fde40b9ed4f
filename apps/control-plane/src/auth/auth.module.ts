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
import { MfaController, TenantMfaPolicyController } from './mfa/mfa.controller';
import { MfaEnrollmentGuard } from './mfa/mfa-enrollment.guard';
import { MfaRepository } from './mfa/mfa.repository';
import { MfaService } from './mfa/mfa.service';

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
  controllers: [AuthController, MfaController, TenantMfaPolicyController],
  providers: [
    AuthService,
    LoginThrottle,
    JwtStrategy,
    SessionsService,
    RefreshTokensRepository,
    RefreshReuseRecorder,
    MfaRepository,
    MfaService,
    SessionRevocations,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    // Right after authentication: a session that must enrol a second factor may do only that.
    { provide: APP_GUARD, useClass: MfaEnrollmentGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    // After authentication and roles (global guards run in registration order): it needs the caller's tenant.
    { provide: APP_GUARD, useExisting: TenantRateLimitGuard },
  ],
})
export class AuthModule {}
