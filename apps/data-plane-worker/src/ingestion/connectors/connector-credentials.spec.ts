import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '@ade/config';
import { ControlPlaneCredentials } from './connector-credentials';

const TOKEN = 'd'.repeat(40);
const REQUEST = { tenantId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', connectorId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b', runId: '0b5c2a3e-8f1d-4c7a-9e2b-3d4f5a6b7c8d' };
const SFTP = {
  kind: 'sftp',
  name: 'clearinghouse',
  settings: { host: 'sftp.example.org', port: 22, username: 'ade', directory: '/outbound', hostKeyFingerprint: `SHA256:${'A'.repeat(43)}`, archiveDirectory: null },
  secret: { password: 'hunter2-but-longer' },
};

/** A stand-in for the control plane's internal endpoint on a real socket: it records what it was sent and answers as told. */
async function controlPlane(answer: (request: IncomingMessage, body: string) => { status: number; body?: unknown }) {
  const seen: Array<{ path: string; authorization: string | undefined; body: unknown }> = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ path: request.url ?? '', authorization: request.headers.authorization, body: JSON.parse(body) });
      const { status, body: reply } = answer(request, body);
      response.writeHead(status, { 'content-type': 'application/json' }).end(reply === undefined ? '' : JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('ControlPlaneCredentials', () => {
  it('asks the internal endpoint with the bearer token and the job it holds, and returns the parsed credentials', async () => {
    const cp = await controlPlane(() => ({ status: 200, body: SFTP }));
    const credentials = await new ControlPlaneCredentials({ url: cp.url, token: new Secret(TOKEN) }).fetch(REQUEST);
    expect(credentials).toEqual(SFTP);
    expect(cp.seen).toEqual([{ path: '/internal/v1/connector-credentials', authorization: `Bearer ${TOKEN}`, body: REQUEST }]);
  });

  it('fails as configuration, naming the variables, when the worker has no way to ask', async () => {
    await expect(new ControlPlaneCredentials(null).fetch(REQUEST)).rejects.toMatchObject({ kind: 'connector_refused', message: expect.stringContaining('CONTROL_PLANE_URL and DATA_PLANE_TOKEN') });
  });

  it('turns a refused token or a gone connector into configuration, and an outage into a transient failure', async () => {
    const access = (url: string) => new ControlPlaneCredentials({ url, token: new Secret(TOKEN) });
    const refused = await controlPlane(() => ({ status: 401, body: { message: 'no' } }));
    await expect(access(refused.url).fetch(REQUEST)).rejects.toMatchObject({ kind: 'connector_refused', message: expect.stringContaining('DATA_PLANE_TOKEN') });
    const gone = await controlPlane(() => ({ status: 404 }));
    await expect(access(gone.url).fetch(REQUEST)).rejects.toMatchObject({ kind: 'connector_refused', message: expect.stringContaining(`connector ${REQUEST.connectorId} is gone`) });
    const failing = await controlPlane(() => ({ status: 503 }));
    await expect(access(failing.url).fetch(REQUEST)).rejects.toMatchObject({ kind: 'transient', message: expect.stringContaining('answered 503') });
    const closed = failing.url;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    await expect(access(closed).fetch(REQUEST)).rejects.toMatchObject({ kind: 'transient', message: expect.stringContaining('could not be reached') });
  });

  it('refuses an answer that is not valid credentials, naming the fields and never their values', async () => {
    const cp = await controlPlane(() => ({ status: 200, body: { ...SFTP, settings: { ...SFTP.settings, hostKeyFingerprint: 'hunter2-but-longer' } } }));
    const error = await new ControlPlaneCredentials({ url: cp.url, token: new Secret(TOKEN) }).fetch(REQUEST).catch((e: Error) => e);
    expect(error).toMatchObject({ kind: 'connector_refused', message: expect.stringContaining('(settings.hostKeyFingerprint)') });
    expect((error as Error).message).not.toContain('hunter2');
  });
});
