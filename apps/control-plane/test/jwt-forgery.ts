import { createHmac } from 'node:crypto';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Hand-rolled tokens, so tests can present exactly the flaw they are about. */
export function forgeToken(
  claims: Record<string, unknown>,
  { secret, alg = 'HS256' }: { secret: string; alg?: 'HS256' | 'none' },
): string {
  const head = `${base64url({ alg, typ: 'JWT' })}.${base64url(claims)}`;
  if (alg === 'none') return `${head}.`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}
