import { z } from 'zod';
import { catalogName, sqlIdentifier } from '@ade/contracts';
import { envInt, envSecret, envUrl, QueueConfig, queueEnvSchema, readEnv, Secret } from '@ade/config';
import { LandingConfig, landingUploadEnvSchema } from './landing.config';
import { SecretsConfig, secretsEnvSchema } from './secrets.config';
import { HttpSecurityConfig, httpSecurityEnvSchema, LoginThrottleConfig } from './http-security.config';
import { WebhookConfig, webhookEnvSchema } from './webhook.config';
import { RateLimitConfig, rateLimitEnvSchema } from './rate-limit.config';
import { AuthSessionsConfig, authSessionsEnvSchema } from './auth-sessions.config';
import { RetentionConfig, retentionEnvSchema } from './retention.config';
import { BillingConfig, billingEnvProblems, billingEnvSchema } from './billing.config';
import { DataPlaneConfig, dataPlaneEnvSchema } from './data-plane.config';

export class HttpConfig {
  constructor(
    readonly port: number,
    readonly host: string,
  ) {}
}

export class DatabaseConfig {
  constructor(
    /** The application's own role: not a superuser, no BYPASSRLS, owns no table (checked at start-up). */
    readonly url: Secret,
    /** Each deployment (and each test suite) can live in its own schema of one database. */
    readonly schema: string,
    /** The schema owner's connection, used only by `npm run migrate`; the application never holds it. */
    readonly migrationUrl: Secret = url,
  ) {}
}

export class AuthConfig {
  constructor(
    readonly jwtSecret: Secret,
    readonly issuer: string,
    readonly audience: string,
    readonly accessTokenTtlSeconds: number,
    /** log2 of scrypt's cost parameter N for new password hashes. */
    readonly passwordHashCost: number,
    readonly bootstrapOperator: { email: string; password: Secret } | null,
  ) {}
}

export class CatalogDefaultsConfig {
  constructor(readonly catalogName: string) {}
}

export class RunPolicyConfig {
  constructor(
    /** Deliveries of a run job before it is failed for good (transient failures only). */
    readonly maxAttempts: number,
    readonly backoffMs: number,
  ) {}
}

/** The database settings alone: the migrate command reads just these. */
const databaseEnvSchema = z.object({
  DATABASE_URL: envUrl(['postgres', 'postgresql']).transform((url) => new Secret(url)),
  DATABASE_SCHEMA: sqlIdentifier.default('public'),
  DATABASE_MIGRATION_URL: envUrl(['postgres', 'postgresql'])
    .transform((url) => new Secret(url))
    .optional(),
});

export function loadDatabaseConfig(env: Record<string, string | undefined>): DatabaseConfig {
  const e = readEnv(databaseEnvSchema, env);
  return new DatabaseConfig(e.DATABASE_URL, e.DATABASE_SCHEMA, e.DATABASE_MIGRATION_URL ?? e.DATABASE_URL);
}

const envSchema = queueEnvSchema
  .extend(databaseEnvSchema.shape)
  .extend(webhookEnvSchema.shape)
  .extend(httpSecurityEnvSchema.shape)
  .extend(secretsEnvSchema.shape)
  .extend(rateLimitEnvSchema.shape)
  .extend(authSessionsEnvSchema.shape)
  .extend(retentionEnvSchema.shape)
  .extend(landingUploadEnvSchema.shape)
  .extend(dataPlaneEnvSchema.shape)
  .extend(billingEnvSchema.shape)
  .extend({
    PORT: envInt(0, 65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    JWT_SECRET: envSecret(32),
    JWT_ISSUER: z.string().min(1).default('ade-control-plane'),
    JWT_AUDIENCE: z.string().min(1).default('ade-api'),
    JWT_TTL_SECONDS: envInt(60, 24 * 3600).default(900),
    PASSWORD_HASH_COST: envInt(14, 20).default(17),
    BOOTSTRAP_OPERATOR_EMAIL: z.email().optional(),
    BOOTSTRAP_OPERATOR_PASSWORD: envSecret(12).optional(),
    DEFAULT_CATALOG_NAME: catalogName.default('healthcare_data'),
    RUN_MAX_ATTEMPTS: envInt(1, 20).default(3),
    RUN_BACKOFF_MS: envInt(100, 600_000).default(2000),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.BOOTSTRAP_OPERATOR_EMAIL) !== Boolean(env.BOOTSTRAP_OPERATOR_PASSWORD)) {
      const missing = env.BOOTSTRAP_OPERATOR_EMAIL ? 'BOOTSTRAP_OPERATOR_PASSWORD' : 'BOOTSTRAP_OPERATOR_EMAIL';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other BOOTSTRAP_OPERATOR_* variable is set' });
    }
    for (const problem of billingEnvProblems(env)) ctx.addIssue({ code: 'custom', path: [problem.variable], message: problem.message });
  });

export interface ControlPlaneConfig {
  http: HttpConfig;
  database: DatabaseConfig;
  queue: QueueConfig;
  auth: AuthConfig;
  catalog: CatalogDefaultsConfig;
  runs: RunPolicyConfig;
  webhooks: WebhookConfig;
  httpSecurity: HttpSecurityConfig;
  loginThrottle: LoginThrottleConfig;
  secrets: SecretsConfig;
  rateLimit: RateLimitConfig;
  authSessions: AuthSessionsConfig;
  retention: RetentionConfig;
  landing: LandingConfig;
  dataPlane: DataPlaneConfig;
  billing: BillingConfig;
}

/** Reads and checks the whole environment at once; throws ConfigError naming every bad variable. */
export function loadControlPlaneConfig(env: Record<string, string | undefined>): ControlPlaneConfig {
  const e = readEnv(envSchema, env);
  return {
    http: new HttpConfig(e.PORT, e.HOST),
    database: new DatabaseConfig(e.DATABASE_URL, e.DATABASE_SCHEMA, e.DATABASE_MIGRATION_URL ?? e.DATABASE_URL),
    queue: QueueConfig.fromEnv(e),
    auth: new AuthConfig(
      e.JWT_SECRET,
      e.JWT_ISSUER,
      e.JWT_AUDIENCE,
      e.JWT_TTL_SECONDS,
      e.PASSWORD_HASH_COST,
      e.BOOTSTRAP_OPERATOR_EMAIL && e.BOOTSTRAP_OPERATOR_PASSWORD
        ? { email: e.BOOTSTRAP_OPERATOR_EMAIL.toLowerCase(), password: e.BOOTSTRAP_OPERATOR_PASSWORD }
        : null,
    ),
    catalog: new CatalogDefaultsConfig(e.DEFAULT_CATALOG_NAME),
    runs: new RunPolicyConfig(e.RUN_MAX_ATTEMPTS, e.RUN_BACKOFF_MS),
    webhooks: WebhookConfig.fromEnv(e),
    httpSecurity: HttpSecurityConfig.fromEnv(e),
    loginThrottle: LoginThrottleConfig.fromEnv(e),
    secrets: SecretsConfig.fromEnv(e),
    rateLimit: RateLimitConfig.fromEnv(e),
    authSessions: AuthSessionsConfig.fromEnv(e),
    retention: RetentionConfig.fromEnv(e),
    landing: LandingConfig.fromEnv(e),
    dataPlane: DataPlaneConfig.fromEnv(e),
    billing: BillingConfig.fromEnv(e),
  };
}
