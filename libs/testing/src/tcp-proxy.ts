import { connect, createServer, type Socket } from 'node:net';

/**
 * What the proxy does while it is cut:
 * - `reset`: every relayed connection is reset at once and every new one is reset as soon as it
 *   is accepted, like a server that went down (the port stays this proxy's, so restoring it can
 *   never find the port taken);
 * - `blackhole`: relayed connections are reset, new ones are accepted and then never answered,
 *   like a network partition (the client only notices through its own timeouts).
 */
export type OutageMode = 'reset' | 'blackhole';

export interface TcpProxy {
  readonly host: string;
  readonly port: number;
  /** Connections relayed right now (both directions open). */
  readonly liveConnections: number;
  /** Connections accepted since start, relayed or not. */
  readonly acceptedConnections: number;
  /** `url` (e.g. postgres://user@127.0.0.1:5432/db) with host and port replaced by the proxy's. */
  urlFor(url: string): string;
  /** Starts an outage: see OutageMode. Resolves once every relayed connection is gone. */
  cut(mode?: OutageMode): Promise<void>;
  /** Ends the outage: new connections are relayed again (held blackholed ones are reset). */
  restore(): void;
  /** Stops listening and ends every connection. */
  close(): Promise<void>;
}

/**
 * A TCP relay from a local port to a real server, which a test can cut and restore while the
 * code under test keeps its own connection settings: a genuine network outage between a client
 * and a server that other suites go on using.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const relayed = new Set<{ client: Socket; upstream: Socket }>();
  const held = new Set<Socket>();
  let mode: OutageMode | null = null;
  let accepted = 0;

  const server = createServer((client) => {
    accepted += 1;
    client.on('error', () => undefined);
    if (mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    if (mode === 'blackhole') {
      held.add(client);
      client.on('close', () => held.delete(client));
      return;
    }
    const upstream = connect(target.port, target.host);
    upstream.on('error', () => undefined);
    const pair = { client, upstream };
    relayed.add(pair);
    // A graceful end of one side ends the other gracefully (pipe does that); an abrupt one resets it.
    const ended = (other: Socket) => (hadError: boolean) => {
      relayed.delete(pair);
      if (other.destroyed) return;
      if (hadError) other.resetAndDestroy();
      else other.end();
    };
    client.on('close', ended(upstream));
    upstream.on('close', ended(client));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const host = '127.0.0.1';
  const port = (server.address() as { port: number }).port;

  const dropRelayed = async (): Promise<void> => {
    const closing = [...relayed].flatMap(({ client, upstream }) => [client, upstream]).map(
      (socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : (socket.once('close', () => resolve()), socket.resetAndDestroy()))),
    );
    await Promise.all(closing);
  };

  return {
    host,
    port,
    get liveConnections() {
      return relayed.size;
    },
    get acceptedConnections() {
      return accepted;
    },
    urlFor(url: string): string {
      const parsed = new URL(url);
      parsed.hostname = host;
      parsed.port = String(port);
      return parsed.toString();
    },
    async cut(outage: OutageMode = 'reset'): Promise<void> {
      mode = outage;
      await dropRelayed();
    },
    restore(): void {
      mode = null;
      for (const socket of held) socket.resetAndDestroy();
      held.clear();
    },
    async close(): Promise<void> {
      mode = 'reset';
      for (const socket of held) socket.resetAndDestroy();
      await dropRelayed();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
