import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Logger } from '@nestjs/common';
import SftpClient from 'ssh2-sftp-client';
import { sourcePathProblem, type SftpSecret, type SftpSettings, type SourceFormat } from '@ade/contracts';
import type { SourceFile } from '@ade/lakehouse';
import { SourceError } from '../source-error';
import { sourceSelection } from '../source-files';
import { downloadHashed } from './hashed-download';
import type { LandingStore } from './landing-store';

/** Seconds to wait for the server's greeting and the login; an unreachable host is then retried by the run. */
const READY_TIMEOUT_MS = 20_000;

interface RemoteFile {
  remotePath: string;
  displayPath: string;
  size: number;
  modifyTime: number;
}

export interface SftpConnector {
  name: string;
  settings: SftpSettings;
  secret: SftpSecret;
  /** The pipeline the files are for, named in a host key refusal; absent for a connector check. */
  pipelineName?: string;
}

/**
 * A tenant's files on its own SFTP server (a clearinghouse's or a state system's), under the
 * connector's directory. The server must present the pinned host key, or no login is attempted.
 * Each listed file is downloaded into the run's scratch space while its SHA-256 streams, and it
 * lands only when its size and modification time are the same before and after and the bytes
 * match the size: a file still being written, or cut off by a dropped connection, is left for the
 * next run. After a run has landed them, files can be moved to the connector's archive directory.
 */
export class SftpLandingStore implements LandingStore {
  private readonly logger = new Logger(SftpLandingStore.name);

  constructor(private readonly connector: SftpConnector) {}

  async discover({ sourcePath, format, scratchDir }: Parameters<LandingStore['discover']>[0]): Promise<SourceFile[]> {
    const problem = sourcePathProblem(sourcePath);
    if (problem) throw new SourceError('source_unreadable', `source path ${problem}: ${sourcePath}`);
    return this.session(async (sftp) => {
      const remote = await this.select(sftp, sourcePath, format);
      const files: SourceFile[] = [];
      for (const file of remote) {
        const landed = await this.download(sftp, file, join(scratchDir, 'landing', file.displayPath));
        if (landed) files.push(landed);
      }
      return files;
    });
  }

  /** The files directly in the connector's directory, without downloading them. */
  async list(): Promise<Array<{ name: string; sizeBytes: number }>> {
    return this.session(async (sftp) => {
      const entries = await this.call(() => sftp.list(this.connector.settings.directory));
      return entries
        .filter((entry) => entry.type === '-')
        .map((entry) => ({ name: entry.name, sizeBytes: entry.size }))
        .sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  /** Moves landed files into the archive directory, keeping their paths below it; a file already gone is left be. */
  async archive(files: readonly SourceFile[]): Promise<void> {
    const archive = this.connector.settings.archiveDirectory;
    if (!archive || files.length === 0) return;
    await this.session(async (sftp) => {
      for (const file of files) {
        const target = posix.join(archive, file.displayPath);
        await this.call(() => sftp.mkdir(posix.dirname(target), true));
        if ((await sftp.exists(target)) !== false) await this.call(() => sftp.delete(target));
        await this.call(() => sftp.rename(this.remotePath(file.displayPath), target));
      }
    });
  }

  /**
   * Writes a local file to a path below the connector's directory: first under a hidden temporary
   * name, then renamed into place, so a reader on the server never sees half a file.
   */
  async upload(localPath: string, relativePath: string): Promise<void> {
    const target = this.remotePath(relativePath);
    const partial = posix.join(posix.dirname(target), `.${posix.basename(target)}.partial`);
    await this.session(async (sftp) => {
      await this.call(() => sftp.mkdir(posix.dirname(target), true));
      try {
        await this.call(() => sftp.put(createReadStream(localPath), partial));
      } catch (error) {
        await sftp.delete(partial, true).catch(() => undefined);
        throw error;
      }
      await this.call(() => sftp.posixRename(partial, target));
    });
  }

  private async select(sftp: SftpClient, sourcePath: string, format: SourceFormat): Promise<RemoteFile[]> {
    const selection = sourceSelection(sourcePath, format);
    const named = this.remotePath(sourcePath);
    if (!selection.pattern) {
      const kind = await this.call(() => sftp.exists(named));
      if (kind === false) throw new SourceError('source_not_found', `source file not found: ${sourcePath}`);
      if (kind === '-') {
        const stats = await this.call(() => sftp.stat(named));
        return [{ remotePath: named, displayPath: posix.normalize(sourcePath), size: stats.size, modifyTime: stats.modifyTime }];
      }
      if (kind !== 'd') throw new SourceError('source_unreadable', `source is neither a file nor a directory: ${sourcePath}`);
    }
    const directory = selection.directory === '.' ? '' : posix.normalize(selection.directory);
    const remoteDirectory = this.remotePath(directory);
    if ((await this.call(() => sftp.exists(remoteDirectory))) !== 'd') {
      if (selection.pattern) return [];
      throw new SourceError('source_not_found', `source file not found: ${sourcePath}`);
    }
    const entries = await this.call(() => sftp.list(remoteDirectory));
    return entries
      .filter((entry) => entry.type === '-' && selection.accepts(entry.name))
      .map((entry) => ({
        remotePath: posix.join(remoteDirectory, entry.name),
        displayPath: directory ? posix.join(directory, entry.name) : entry.name,
        size: entry.size,
        modifyTime: entry.modifyTime,
      }))
      .sort((a, b) => a.displayPath.localeCompare(b.displayPath));
  }

  /** A path below the connector's directory; the contract has refused absolute paths and `..` already, this makes sure. */
  private remotePath(relative: string): string {
    const root = this.connector.settings.directory;
    const path = posix.join(root, relative);
    if (path !== root && !path.startsWith(root === '/' ? '/' : `${root}/`)) {
      throw new SourceError('source_unreadable', `source path leads outside connector '${this.connector.name}': ${relative}`);
    }
    return path.length > 1 ? path.replace(/\/$/, '') : path;
  }

  private async download(sftp: SftpClient, file: RemoteFile, target: string): Promise<SourceFile | null> {
    let downloaded;
    try {
      downloaded = await downloadHashed(sftp.createReadStream(file.remotePath), target);
    } catch (error) {
      throw this.connectionError(error, `the connection was lost while downloading ${file.displayPath}`);
    }
    const after = await this.call(() => sftp.stat(file.remotePath)).catch((error: unknown) => {
      if (error instanceof SourceError && error.kind === 'source_not_found') return null;
      throw error;
    });
    if (downloaded.bytes !== file.size || !after || after.size !== file.size || after.modifyTime !== file.modifyTime) {
      await rm(target, { force: true });
      this.logger.warn({ msg: 'source file changed or came short while downloading; left for the next run', connector: this.connector.name, file: file.displayPath });
      return null;
    }
    return { path: target, displayPath: file.displayPath, sizeBytes: downloaded.bytes, modifiedAt: new Date(file.modifyTime), contentHash: downloaded.sha256 };
  }

  /** One login for the whole operation, always closed. */
  private async session<T>(work: (sftp: SftpClient) => Promise<T>): Promise<T> {
    // The library's default listeners print to the console; ours log a structured line instead.
    const sftp = new SftpClient(`ade-${this.connector.name}`, {
      error: (error: unknown) => {
        const code = (error as { code?: unknown } | null)?.code;
        this.logger.warn({ msg: 'SFTP connection error', connector: this.connector.name, code: typeof code === 'string' ? code : null });
      },
      end: () => undefined,
      close: () => undefined,
    });
    let presented: string | null = null;
    const { settings, secret } = this.connector;
    try {
      await sftp.connect({
        host: settings.host,
        port: settings.port,
        username: settings.username,
        ...('password' in secret ? { password: secret.password } : { privateKey: secret.privateKey, ...(secret.passphrase && { passphrase: secret.passphrase }) }),
        readyTimeout: READY_TIMEOUT_MS,
        // The run's own retry policy (backoff with jitter) decides on another attempt.
        retries: 0,
        hostVerifier: (key: Buffer) => {
          presented = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
          return presented === settings.hostKeyFingerprint;
        },
      });
    } catch (error) {
      await sftp.end().catch(() => undefined);
      if (presented !== null && presented !== settings.hostKeyFingerprint) throw this.hostKeyRefused(presented);
      throw this.connectError(error);
    }
    try {
      return await work(sftp);
    } finally {
      await sftp.end().catch(() => undefined);
    }
  }

  private hostKeyRefused(presented: string): SourceError {
    const { name, settings, pipelineName } = this.connector;
    const subject = pipelineName ? `pipeline '${pipelineName}': connector '${name}'` : `connector '${name}'`;
    return new SourceError(
      'connector_refused',
      `${subject}: the SFTP server ${settings.host}:${settings.port} presented host key ${presented}, not the pinned ${settings.hostKeyFingerprint}; not connecting`,
    );
  }

  /** A refused login is configuration; a host that cannot be reached is transient. The library's own wording is not passed on. */
  private connectError(error: unknown): Error {
    const { name, settings } = this.connector;
    const level = (error as { level?: string }).level;
    const message = error instanceof Error ? error.message : '';
    if (level === 'client-authentication' || /authentication methods failed/i.test(message)) {
      return new SourceError('connector_refused', `connector '${name}': the SFTP server ${settings.host}:${settings.port} refused the login of user '${settings.username}'`);
    }
    if (/privateKey|private key|passphrase|Cannot parse/i.test(message)) {
      return new SourceError('connector_refused', `connector '${name}': the stored private key could not be read (wrong format or passphrase)`);
    }
    return this.connectionError(error, `the SFTP server ${settings.host}:${settings.port} could not be reached`);
  }

  private connectionError(error: unknown, what: string): Error {
    if (error instanceof SourceError) return error;
    const code = (error as { code?: unknown }).code;
    const detail = typeof code === 'string' && /^E[A-Z]+$/.test(code) ? ` (${code})` : '';
    return new SourceError('transient', `connector '${this.connector.name}': ${what}${detail}`);
  }

  /** An SFTP request; a permission refusal names the connector, anything else is the connection's. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 3 || /permission denied/i.test(error instanceof Error ? error.message : '')) {
        throw new SourceError('connector_refused', `connector '${this.connector.name}': the SFTP server denied access to the connector's directory`);
      }
      if (code === 2 || /no such file/i.test(error instanceof Error ? error.message : '')) {
        throw new SourceError('source_not_found', `connector '${this.connector.name}': a file or directory disappeared while the run read it`);
      }
      throw this.connectionError(error, 'the SFTP session failed');
    }
  }
}
