import { describe, expect, it } from 'vitest';
import { httpAuditEvent, isAuditedRequest, LOGIN_ROUTE, operatorTargetTenant, outcomeOf, resourceIdOf, resourceTypeOf } from './http-audit';

const ID = '4f0c2a34-9a3b-4a38-9a0e-5e0b8f3e2c11';

describe('http audit mapping', () => {
  it('audits every state-changing method and only the sample-bearing reads', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(isAuditedRequest(method, undefined)).toBe(true);
    expect(isAuditedRequest('GET', '/v1/quality/quarantine')).toBe(true);
    expect(isAuditedRequest('GET', '/v1/quality/runs/:runId')).toBe(true);
    expect(isAuditedRequest('GET', '/v1/quality/tables/:table')).toBe(true);
    expect(isAuditedRequest('GET', '/v1/pipelines')).toBe(false);
    expect(isAuditedRequest('GET', undefined)).toBe(false);
  });

  it('audits a sample-bearing route only when it is read with GET', () => {
    for (const method of ['HEAD', 'OPTIONS']) {
      expect(isAuditedRequest(method, '/v1/quality/quarantine')).toBe(false);
      expect(isAuditedRequest(method, '/v1/pipelines')).toBe(false);
    }
    expect(isAuditedRequest('get', '/v1/quality/quarantine')).toBe(true);
    expect(isAuditedRequest('delete', '/v1/pipelines/:id')).toBe(true);
  });

  it('names the resource type from the route, the sensitive reads by what they return', () => {
    expect(resourceTypeOf('/v1/quality/quarantine')).toBe('quarantine_sample');
    expect(resourceTypeOf('/v1/quality/runs/:runId')).toBe('quality_report');
    expect(resourceTypeOf('/v1/quality/tables/:table')).toBe('quality_report');
    expect(resourceTypeOf('/v1/quality/trends')).toBe('quality');
    expect(resourceTypeOf('/v1/pipelines/:id/runs')).toBe('pipelines');
    expect(resourceTypeOf('/internal/v1/connector-credentials')).toBe('connector-credentials');
    expect(resourceTypeOf('/v1/:id/things')).toBeNull();
    expect(resourceTypeOf('/v1/a:b')).toBe('a:b');
    expect(resourceTypeOf('/v1')).toBeNull();
    expect(resourceTypeOf('')).toBeNull();
    expect(resourceTypeOf(undefined)).toBeNull();
  });

  it('knows the login route by its pattern', () => {
    expect(LOGIN_ROUTE).toBe('/v1/auth/token');
  });

  it('maps status codes to outcomes', () => {
    expect([200, 201, 204, 302, 400, 401, 403, 404, 409, 429, 500].map(outcomeOf)).toEqual([
      'success', 'success', 'success', 'success', 'error', 'denied', 'denied', 'denied', 'error', 'denied', 'error',
    ]);
  });

  it('takes a UUID param as resource id, never a free-text one', () => {
    expect(resourceIdOf({ id: ID.toUpperCase() })).toBe(ID);
    expect(resourceIdOf({ runId: ID })).toBe(ID);
    expect(resourceIdOf({ table: 'healthcare_data.silver.claims' })).toBeNull();
    expect(resourceIdOf({ id: 'not-a-uuid' })).toBeNull();
    expect(resourceIdOf({ id: 'not-a-uuid', runId: ID })).toBe(ID);
    expect(resourceIdOf({ runId: 'x', id: ID.toUpperCase() })).toBe(ID);
    expect(resourceIdOf({})).toBeNull();
    const OTHER = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
    expect(resourceIdOf({ runId: OTHER, id: ID })).toBe(ID);
  });

  it('records the route pattern, the caller and its tenant chain', () => {
    const event = httpAuditEvent({
      method: 'post',
      routePattern: '/v1/pipelines/:id/runs',
      params: { id: ID },
      statusCode: 403,
      caller: { userId: 'u1', tenantId: ID, role: 'tenant_viewer' },
      requestId: 'r1',
      clientIp: '10.0.0.1',
    });
    expect(event).toEqual({
      tenantId: ID,
      actorType: 'user',
      actorId: 'u1',
      actorRole: 'tenant_viewer',
      action: 'POST /v1/pipelines/:id/runs',
      resourceType: 'pipelines',
      resourceId: ID,
      outcome: 'denied',
      statusCode: 403,
      requestId: 'r1',
      clientIp: '10.0.0.1',
      details: {},
    });
    const byKey = httpAuditEvent({ method: 'DELETE', routePattern: undefined, params: {}, statusCode: 404, caller: { userId: 'k', apiKeyId: 'k', tenantId: ID, role: 'tenant_admin' }, requestId: null, clientIp: null });
    expect(byKey).toMatchObject({ actorType: 'api_key', actorId: 'k', action: 'DELETE (no matching route)', resourceType: null });
    expect(httpAuditEvent({ method: 'POST', routePattern: '/v1/auth/token', params: {}, statusCode: 401, caller: undefined, requestId: null, clientIp: null })).toMatchObject({ tenantId: null, actorId: null });
  });

  it("finds the tenant an operator's request acts on", () => {
    expect(operatorTargetTenant('/v1/tenants/:id/legal-hold', { id: ID }, {}, {})).toBe(ID);
    expect(operatorTargetTenant('/v1/users', {}, {}, { tenantId: ID, email: 'x@y.z' })).toBe(ID);
    expect(operatorTargetTenant('/v1/users', {}, { tenantId: ID }, undefined)).toBe(ID);
    expect(operatorTargetTenant('/v1/tenants', {}, {}, { tenantId: 'nope' })).toBeNull();
    expect(operatorTargetTenant('/v1/pipelines/:id', { id: ID }, {}, {})).toBeNull();
    for (const nothing of [undefined, null, 'tenantId', 42]) expect(operatorTargetTenant('/v1/users', {}, nothing, nothing)).toBeNull();
  });
});
