import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, or SIGKILL for a crash) and waits for it to exit; a no-op when stopped. */
  stop: (signal?: 'SIGTERM' | 'SIGKILL') => Promise<void>;
  /** Starts it again on the same port with the same arguments, once stopped (e.g. to end an outage). */
  restart: () => Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open and nothing is answered, like a hung Redis. */
  pause: () => void;
  /** Lets a paused server go on (SIGCONT); it answers what it was sent meanwhile. */
  resume: () => void;
}

/**
 * A throw-away redis-server with its own settings (e.g. an evicting maxmemory-policy), for tests
 * that must not change the shared server other suites are using, or that stop it (an outage).
 */
export async function startPrivateRedis(args: string[]): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const launch = async (): Promise<void> => {
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...args], {
      stdio: 'ignore',
    });
    child = started;
    // A test process that dies without stopping it must not leave the server behind.
    const orphaned = (): void => void started.kill('SIGKILL');
    process.once('exit', orphaned);
    started.once('exit', () => process.removeListener('exit', orphaned));
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      const up = await probe.connect().then(() => probe.ping()).then(() => true, () => false);
      probe.disconnect();
      if (up && started.exitCode === null) return;
      if (Date.now() > deadline || started.exitCode !== null) throw new Error(`private redis-server did not start on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  };

  const signal = (name: 'SIGSTOP' | 'SIGCONT'): void => {
    if (!child || child.exitCode !== null) throw new Error('private redis-server is not running');
    child.kill(name);
  };

  await launch();
  return {
    url,
    port,
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    stop: async (stopSignal) => {
      // A paused server would not act on SIGTERM until resumed.
      if (child && child.exitCode === null) child.kill('SIGCONT');
      await stop(stopSignal);
    },
    restart: async () => {
      if (child) throw new Error('private redis-server is still running; stop it first');
      await launch();
    },
  };
}
