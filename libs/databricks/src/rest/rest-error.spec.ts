import { describe, expect, it } from 'vitest';
import { restErrorOf, retryAfterMs } from './rest-error';

const call = { method: 'POST', path: '/api/2.1/clusters/create', retryAfter: null };

describe('restErrorOf', () => {
  it('classifies as the healing policy does: 429 and 5xx transient, 401 and 403 configuration, other 4xx a refused request', () => {
    const classified = [429, 500, 503, 401, 403, 400, 404].map((status) => {
      const error = restErrorOf({ ...call, status, body: { error_code: 'X', message: 'm' } });
      return [status, error.failureCode, error.failureClass];
    });
    expect(classified).toEqual([
      [429, 'transient', 'transient'],
      [500, 'transient', 'transient'],
      [503, 'transient', 'transient'],
      [401, 'permission_denied', 'configuration'],
      [403, 'permission_denied', 'configuration'],
      [400, 'invalid_job', 'configuration'],
      [404, 'invalid_job', 'configuration'],
    ]);
  });

  it('names the setting to fix, and what the workspace said of a refused request', () => {
    expect(restErrorOf({ ...call, status: 401, body: {} }).message).toBe('the workspace refused DATABRICKS_TOKEN (401): it is wrong, expired or revoked');
    expect(restErrorOf({ ...call, status: 403, body: { error_code: 'PERMISSION_DENIED', message: 'You are not allowed to create clusters.' } }).message).toBe(
      'the principal of DATABRICKS_TOKEN may not POST /api/2.1/clusters/create (403 PERMISSION_DENIED): You are not allowed to create clusters.',
    );
    expect(restErrorOf({ ...call, status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'Missing required field: spark_version' } })).toMatchObject({
      message: 'POST /api/2.1/clusters/create was refused (400 INVALID_PARAMETER_VALUE): Missing required field: spark_version',
      errorCode: 'INVALID_PARAMETER_VALUE',
      status: 400,
    });
    expect(restErrorOf({ ...call, status: 502, body: '<html>' })).toMatchObject({ message: 'POST /api/2.1/clusters/create failed on the workspace\'s side (502)', errorCode: null });
  });

  it('keeps what Retry-After asked for', () => {
    expect(restErrorOf({ ...call, status: 429, body: {}, retryAfter: '7' }).retryAfterMs).toBe(7000);
    expect(restErrorOf({ ...call, status: 429, body: {}, retryAfter: null }).retryAfterMs).toBeNull();
  });
});

describe('retryAfterMs', () => {
  it('reads seconds or an HTTP date, and nothing else', () => {
    const now = Date.parse('Mon, 07 Dec 2026 12:00:00 GMT');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 3 ', now)).toBe(3000);
    expect(retryAfterMs('Mon, 07 Dec 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 07 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
