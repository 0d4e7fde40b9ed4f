import { describe, expect, it } from 'vitest';
import { envKeyRing } from '@ade/config';
import { configProblemsOf } from '@ade/testing';
import { loadWorkerConfig } from '../../../data-plane-worker/src/config/worker.config';
import { tenantKeysLine } from './tenant-keys-line';

const tenantA = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const tenantB = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
const ring = envKeyRing.parse(`q2:${Buffer.alloc(32, 2).toString('base64')},q1:${Buffer.alloc(32, 1).toString('base64')}`);

describe('the WORKER_TENANT_KEYS line', () => {
  it('is what a dedicated worker of those tenants starts with, holding every key of the ring and nothing of other tenants', () => {
    const line = tenantKeysLine(ring, [tenantA, tenantB.toUpperCase()]);
    const value = line.slice('WORKER_TENANT_KEYS='.length);
    expect(value.split(',').map((entry) => entry.split(':')[0])).toEqual([`${tenantA}/q2`, `${tenantB}/q2`, `${tenantA}/q1`, `${tenantB}/q1`]);
    const { keyring } = loadWorkerConfig({ WORKER_TENANTS: `${tenantA},${tenantB}`, WORKER_TENANT_KEYS: value });
    expect(keyring.sealing(tenantA)!.keyId).toBe('q2');
    expect(keyring.opening(tenantB, 'q1')).not.toBeNull();
    expect(keyring.holdsKeyFor('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(false);
    // The line holds derived keys only, never the signing keys themselves.
    for (const signing of ring) expect(line).not.toContain(signing.key.reveal());
  });

  it('names what is wrong with the tenants asked for, by position', () => {
    expect(() => tenantKeysLine(ring, [])).toThrow('name the tenant ids the worker serves: npm run queue-keys -- <tenantId>[,<tenantId>...]');
    expect(() => tenantKeysLine(ring, [tenantA, 'acme'])).toThrow('argument 2 is not a tenant id (UUID)');
    expect(configProblemsOf(() => loadWorkerConfig({ WORKER_TENANTS: tenantA, WORKER_TENANT_KEYS: tenantKeysLine(ring, [tenantB]).split('=')[1]! }))).toEqual([
      `WORKER_TENANT_KEYS: holds no key for served tenant(s) ${tenantA}`,
    ]);
  });
});
