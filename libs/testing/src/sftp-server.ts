import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir } from './temp-dir';

// Not re-exported from the index: only the suites that need an SFTP server load it.

const run = promisify(execFile);
const SSHD = '/usr/sbin/sshd';

export interface TestSftpServer {
  host: string;
  port: number;
  username: string;
  /** The server directory the tests' files are in (an absolute path, as a connector names it). */
  directory: string;
  /** The OpenSSH private key (PEM) the server accepts for `username`. */
  privateKey: string;
  /** The server's host key fingerprint, as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint: string;
  /** Another key's fingerprint: what a connector pinned to the wrong server holds. */
  otherFingerprint: string;
  /** A private key the server does not accept. */
  strangerKey: string;
  put(path: string, body: string | Buffer): Promise<void>;
  read(path: string): Promise<string>;
  exists(path: string): boolean;
  close(): Promise<void>;
}

/**
 * A real OpenSSH server (Debian's openssh-server, which `npm run services` installs) on a free
 * loopback port, with a throwaway host key, one key-only user (the one running the tests) and the
 * SFTP subsystem only. Its files are a temp directory.
 */
export async function startSftpServer(label: string): Promise<TestSftpServer> {
  if (!existsSync(SSHD)) throw new Error(`${SSHD} is missing: install openssh-server (npm run services does, as root on Debian)`);
  const dir = await makeTempDir(`sftp-${label}`);
  const directory = join(dir.path, 'files');
  await mkdir(directory, { recursive: true });
  const key = async (name: string) => {
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(dir.path, name)]);
    const fingerprint = (await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir.path, `${name}.pub`)])).stdout.split(' ')[1]!;
    return { privateKey: await readFile(join(dir.path, name), 'utf8'), publicKey: await readFile(join(dir.path, `${name}.pub`), 'utf8'), fingerprint };
  };
  const [host, client, other, stranger] = await Promise.all([key('host_key'), key('client_key'), key('other_host_key'), key('stranger_key')]);
  await writeFile(join(dir.path, 'authorized_keys'), client.publicKey, { mode: 0o600 });
  // sshd needs its privilege separation directory, which a package install leaves to systemd.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 }).catch(() => undefined);
  const username = userInfo().username;

  let server: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 0; attempt < 5 && !server; attempt += 1) {
    port = await freePort();
    const config = join(dir.path, 'sshd_config');
    await writeFile(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(dir.path, 'host_key')}`,
        `PidFile ${join(dir.path, 'sshd.pid')}`,
        `AuthorizedKeysFile ${join(dir.path, 'authorized_keys')}`,
        `AllowUsers ${username}`,
        'PermitRootLogin prohibit-password',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'StrictModes no',
        'Subsystem sftp internal-sftp',
        'ForceCommand internal-sftp',
        'LogLevel ERROR',
        '',
      ].join('\n'),
    );
    const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    if (await listening(port, child)) server = child;
    else if (!/Address already in use/.test(stderr)) throw new Error(`sshd did not start: ${stderr.trim()}`);
  }
  if (!server) throw new Error('sshd found no free port');
  const started = server;

  return {
    host: '127.0.0.1',
    port,
    username,
    directory,
    privateKey: client.privateKey,
    hostKeyFingerprint: host.fingerprint,
    otherFingerprint: other.fingerprint,
    strangerKey: stranger.privateKey,
    put: async (path, body) => {
      await mkdir(dirname(join(directory, path)), { recursive: true });
      await writeFile(join(directory, path), body);
    },
    read: (path) => readFile(join(directory, path), 'utf8'),
    exists: (path) => existsSync(join(directory, path)),
    close: async () => {
      if (started.exitCode === null) {
        const exited = new Promise((resolve) => started.once('exit', resolve));
        started.kill('SIGTERM');
        await exited;
      }
      await dir.cleanup();
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Whether the server answers with an SSH banner within 10 s (false as soon as it exits). */
async function listening(port: number, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    const banner = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setTimeout(1000);
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('SSH-'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (banner) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
