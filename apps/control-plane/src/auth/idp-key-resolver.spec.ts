import { generateKeyPairSync } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { Secret } from '@ade/config';
import { AuthConfig } from '../config/control-plane.config';
import type { IdentityProvider, IdentityProvidersRepository } from './identity-providers.repository';
import { IdpKeyResolver } from './idp-jwt.strategy';
import { JwksClient } from './jwks-client';

const OUR_ISSUER = 'https://ade.example.org';
const IDP_ISSUER = 'https://idp.example.org';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const provider: IdentityProvider = {
  tenantId: '00000000-0000-4000-8000-000000000001',
  issuer: IDP_ISSUER,
  jwksUri: 'https://idp.example.org/jwks',
  audience: 'ade',
  emailClaim: 'email',
  createdAt: new Date(),
  updatedAt: new Date(),
};

function resolver() {
  const lookups: string[] = [];
  const fetches: string[] = [];
  const providers = {
    findByIssuer: async (issuer: string) => {
      lookups.push(issuer);
      return issuer === IDP_ISSUER ? provider : null;
    },
  } as unknown as IdentityProvidersRepository;
  const jwks = new JwksClient({
    fetcher: async (uri) => {
      fetches.push(uri);
      return { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1' }] };
    },
  });
  const auth = new AuthConfig(new Secret('s'.repeat(32)), OUR_ISSUER, 'ade-api', 900, 14, null);
  return { keys: new IdpKeyResolver(providers, jwks, auth), lookups, fetches };
}

const rs256 = (claims: object, kid: string | null = 'k1') => sign(claims, privateKey, { algorithm: 'RS256', ...(kid ? { keyid: kid } : {}) });

describe('IdpKeyResolver', () => {
  it('gives the provider and its key to an RS256 token of a configured issuer', async () => {
    const { keys, fetches } = resolver();
    const { provider: found, key } = await keys.resolve(rs256({ iss: IDP_ISSUER }));
    expect(found).toBe(provider);
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(fetches).toEqual([provider.jwksUri]);
  });

  it('never looks up a key for a token that is not RS256, claims our issuer or has no kid', async () => {
    const { keys, lookups, fetches } = resolver();
    await expect(keys.resolve(sign({ iss: IDP_ISSUER }, 'secret', { algorithm: 'HS256', keyid: 'k1' }))).rejects.toThrow();
    await expect(keys.resolve(sign({ iss: IDP_ISSUER }, privateKey, { algorithm: 'RS512', keyid: 'k1' }))).rejects.toThrow();
    await expect(keys.resolve(rs256({ iss: OUR_ISSUER }))).rejects.toThrow();
    await expect(keys.resolve(rs256({ iss: IDP_ISSUER }, null))).rejects.toThrow();
    await expect(keys.resolve('not.a.jwt')).rejects.toThrow();
    expect(lookups).toEqual([]);
    expect(fetches).toEqual([]);
  });

  it('refuses an unknown issuer and an unknown kid', async () => {
    const { keys, fetches } = resolver();
    await expect(keys.resolve(rs256({ iss: 'https://elsewhere.example.org' }))).rejects.toThrow(/unknown issuer/);
    expect(fetches).toEqual([]);
    await expect(keys.resolve(rs256({ iss: IDP_ISSUER }, 'k2'))).rejects.toThrow(/unknown signing key/);
  });
});
