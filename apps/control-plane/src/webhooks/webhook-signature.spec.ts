import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookPayload, verifyWebhookSignature } from './webhook-signature';

const SECRET = 'a'.repeat(64);
const BODY = '{"id":"5b0c1a52-6f1e-4d8e-9f0e-2a7c3b1d9e40","type":"alert"}';
const T = 1_764_700_000;

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 of the secret, as t=...,v1=<hex>', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signWebhookPayload(SECRET, T, BODY)).toBe(`t=${T},v1=${expected}`);
    // A fixed vector, so a change of scheme shows up here.
    expect(signWebhookPayload('secret', 1, '{}')).toBe(`t=1,v1=${createHmac('sha256', 'secret').update('1.{}').digest('hex')}`);
    expect(() => signWebhookPayload(SECRET, 1.5, BODY)).toThrow(RangeError);
  });

  it('verifies its own signature within the tolerance', () => {
    const header = signWebhookPayload(SECRET, T, BODY);
    expect(verifyWebhookSignature(SECRET, header, BODY, { now: T })).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, BODY, { now: T + 300 })).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, BODY, { now: T + 301 })).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, BODY, { now: T + 3600, toleranceSeconds: 3600 })).toBe(true);
  });

  it('refuses another secret, a changed body, a changed timestamp and malformed headers', () => {
    const header = signWebhookPayload(SECRET, T, BODY);
    expect(verifyWebhookSignature('b'.repeat(64), header, BODY, { now: T })).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, `${BODY} `, { now: T })).toBe(false);
    expect(verifyWebhookSignature(SECRET, header.replace(`t=${T}`, `t=${T + 1}`), BODY, { now: T })).toBe(false);
    for (const bad of [undefined, null, '', 'v1=abc', `t=${T}`, `t=${T},v1=zz`, 't=x,v1=' + 'a'.repeat(64)]) {
      expect(verifyWebhookSignature(SECRET, bad, BODY, { now: T })).toBe(false);
    }
  });

  it('accepts any matching v1 among several (secret rotation)', () => {
    const good = signWebhookPayload(SECRET, T, BODY).split(',')[1];
    expect(verifyWebhookSignature(SECRET, `t=${T},v1=${'0'.repeat(64)},${good}`, BODY, { now: T })).toBe(true);
  });
});
