import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { schemaFingerprint } from './schema-fingerprint';

describe('schemaFingerprint', () => {
  it('hashes the ordered name:type list', () => {
    const columns = [
      { name: 'claim_id', type: 'VARCHAR' },
      { name: 'paid_amount', type: 'DOUBLE' },
    ];
    expect(schemaFingerprint(columns)).toBe(createHash('sha256').update('claim_id:VARCHAR\npaid_amount:DOUBLE').digest('hex'));
    expect(schemaFingerprint(columns)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with order and with type', () => {
    const a = { name: 'a', type: 'BIGINT' };
    const b = { name: 'b', type: 'VARCHAR' };
    expect(schemaFingerprint([a, b])).not.toBe(schemaFingerprint([b, a]));
    expect(schemaFingerprint([a, b])).not.toBe(schemaFingerprint([{ ...a, type: 'DOUBLE' }, b]));
  });
});
