import { z } from 'zod';
import { Secret } from './secret';

/** Raised at boot when the environment cannot produce a valid configuration. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/**
 * Parses the environment against a schema whose keys are the variable names, so every problem
 * is reported at once and names its variable. Values are never echoed: some are secrets.
 */
export function readEnv<S extends z.ZodObject>(schema: S, env: Env): z.infer<S> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(environment)');
    const missing = issue.code === 'invalid_type' && present[variable] === undefined;
    return `${variable}: ${missing ? 'is required' : issue.message}`;
  });
  throw new ConfigError(problems);
}

export const envInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const envBool = z
  .enum(['true', 'false', '1', '0'], { message: "must be 'true' or 'false'" })
  .transform((v) => v === 'true' || v === '1');

export const envUrl = (protocols: readonly string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
    } catch {
      return false;
    }
  }, `must be a URL with scheme ${protocols.join(' or ')}`);

export const envSecret = (minLength: number) =>
  z
    .string()
    .min(minLength, `must be at least ${minLength} characters`)
    .transform((value) => new Secret(value));

/** A DuckDB memory size such as '1GB', '512MB' or '1.5GiB'. */
export const DUCKDB_SIZE_PATTERN = /^\d+(\.\d+)?\s?(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/;
export const envDuckDbSize = z.string().regex(DUCKDB_SIZE_PATTERN, "must be a size such as '4GB'");
