import { describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKeySecret, parseApiKey, presentedApiKey } from './api-key-format';

describe('API key format', () => {
  it('generates ade_<prefix>_<secret> keys that parse back, with the hash of their secret', () => {
    const generated = generateApiKey();
    expect(generated.key).toMatch(/^ade_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(generated.key)).toEqual({ prefix: generated.prefix, secret: generated.secret });
    expect(generated.secretHash.equals(hashApiKeySecret(generated.secret))).toBe(true);
    expect(generated.secretHash).toHaveLength(32);
    expect(generateApiKey().key).not.toBe(generated.key);
  });

  it('keeps underscores inside the base64url secret', () => {
    const key = `ade_0123456789ab_${'_'.repeat(43)}`;
    expect(parseApiKey(key)).toEqual({ prefix: '0123456789ab', secret: '_'.repeat(43) });
  });

  it.each(['', 'ade_', 'ade_0123456789ab', `ade_0123456789AB_${'a'.repeat(43)}`, `ade_0123456789ab_${'a'.repeat(42)}`, `ade_0123456789ab_${'a'.repeat(44)}`, `xde_0123456789ab_${'a'.repeat(43)}`, `xade_0123456789ab_${'a'.repeat(43)}`, `ade_0123456789ab_${'a'.repeat(42)}=`])(
    'rejects %j',
    (raw) => {
      expect(parseApiKey(raw)).toBeNull();
    },
  );
});

describe('presentedApiKey', () => {
  it('takes X-API-Key first, whatever it holds', () => {
    expect(presentedApiKey({ 'x-api-key': ' ade_x ', authorization: 'Bearer eyJ' })).toBe('ade_x');
    expect(presentedApiKey({ 'x-api-key': 'garbage' })).toBe('garbage');
  });

  it('takes a bearer token only when it starts with ade_, leaving JWTs alone', () => {
    expect(presentedApiKey({ authorization: 'Bearer ade_abc' })).toBe('ade_abc');
    expect(presentedApiKey({ authorization: 'bearer ade_abc' })).toBe('ade_abc');
    expect(presentedApiKey({ authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig' })).toBeNull();
    expect(presentedApiKey({ authorization: 'Basic ade_abc' })).toBeNull();
    expect(presentedApiKey({})).toBeNull();
  });

  it('reads the scheme only at the start of the header, and exactly one token', () => {
    expect(presentedApiKey({ authorization: 'Bearer   ade_abc  ' })).toBe('ade_abc');
    expect(presentedApiKey({ authorization: 'Token Bearer ade_abc' })).toBeNull();
    expect(presentedApiKey({ authorization: 'Bearer ade_abc extra' })).toBeNull();
  });
});
