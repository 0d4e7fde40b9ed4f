import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@ade/testing';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, pipelineBody, type TenantFixture } from './factories';
import { listening, sendAndReset } from './raw-request';
import { RecordingLogger } from './recording-logger';
import { as } from './run-flow';

/** What a caller sends that is not a known field name or route: it may be a record's first line, so it is never said back or logged. */
const PHI_KEY = 'Zebediah Smith 1970-01-01 1EG4-TE5-MK73';
const SSN_PATH = '/v1/members/123-45-6789/claims';

describe('no echo of what callers made up (unknown keys, paths); an access log line for every request', () => {
  const logs = new RecordingLogger();
  let cp: ControlPlaneHarness;
  let tenant: TenantFixture;

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'echoes', logger: logs });
    tenant = await createTenant(cp);
  });
  afterAll(() => cp?.close());

  it('names unknown JSON keys by their position, never by themselves', async () => {
    const response = await cp
      .http()
      .post('/v1/pipelines')
      .set(as(tenant.admin.token))
      .send({ ...pipelineBody(), [PHI_KEY]: 'x', options: { delimiter: '|', [PHI_KEY]: true } })
      .expect(400);
    expect(response.body).toEqual({
      error: 'validation_failed',
      message: expect.any(String),
      fields: expect.arrayContaining([
        { field: '(request)', message: 'has an unknown key (key 5 of 6); see the API reference for the fields it takes' },
        { field: 'options', message: 'has an unknown key (key 2 of 2); see the API reference for the fields it takes' },
      ]),
    });
    expect(JSON.stringify(response.body)).not.toMatch(/Zebediah|1EG4/);
  });

  it('writes the access log line of a request whose client reset the connection, once the handler answers', async () => {
    const port = await listening(cp);
    await sendAndReset(port, 'POST', '/v1/pipelines', tenant.admin.token, pipelineBody(), 'echoes-aborted');
    const line = await eventually(
      async () => logs.entries.filter((entry) => entry.context === 'http').map((entry) => entry.message as Record<string, unknown>).find((m) => m['requestId'] === 'echoes-aborted'),
      (found) => found !== undefined,
      { timeoutMs: 10_000, what: 'the access log line of the aborted request' },
    );
    expect(line).toMatchObject({ method: 'POST', route: '/v1/pipelines', status: 201, clientAborted: true, tenantId: tenant.tenantId });
  });

  it('logs the route a request matched, never its path as sent', async () => {
    const missing = '5b1f3c3e-8f1d-4c7a-9e2b-3d4f5a6b7c8d';
    await cp.http().get(`/v1/pipelines/${missing}`).set(as(tenant.admin.token)).expect(404);
    await cp.http().get(SSN_PATH).set(as(tenant.admin.token)).expect(404);
    const requests = logs.entries.filter((entry) => entry.context === 'http').map((entry) => entry.message as Record<string, unknown>);
    expect(requests).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'GET', route: '/v1/pipelines/:id', status: 404 }), expect.objectContaining({ method: 'GET', route: '(no route)', status: 404 })]));
    const everything = JSON.stringify(logs.entries);
    expect(everything).not.toContain(missing);
    expect(everything).not.toContain('123-45-6789');
    expect(everything).not.toMatch(/Zebediah|1EG4/);
  });
});
