/** The smallest environment the control plane accepts, for configuration specs (values are dummies). */
export const minimalControlPlaneEnv = {
  DATABASE_URL: 'postgres://app:s3cret@db.internal:5432/ade',
  JWT_SECRET: 'k'.repeat(40),
  SECRETS_KEYS: `main:${Buffer.alloc(32, 7).toString('base64')}`,
  QUEUE_SIGNING_KEYS: `q1:${Buffer.alloc(32, 9).toString('base64')}`,
};
