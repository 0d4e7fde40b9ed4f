import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { ControlPlaneHarness } from './control-plane.harness';

/** The control plane on a real port (once), for requests a test sends by hand. */
export async function listening(cp: ControlPlaneHarness): Promise<number> {
  const server = cp.app.getHttpServer() as Server;
  if (!server.listening) await cp.app.listen(0, '127.0.0.1');
  return (server.address() as AddressInfo).port;
}

/** Sends a whole JSON request, then resets the connection at once, as a client that gives up would. */
export async function sendAndReset(port: number, method: string, path: string, token: string, body: unknown, requestId: string): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const json = JSON.stringify(body);
  socket.write(
    `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(json)}\r\nX-Request-Id: ${requestId}\r\n\r\n${json}`,
  );
  await new Promise((resolve) => socket.write('', resolve));
  socket.resetAndDestroy();
}

