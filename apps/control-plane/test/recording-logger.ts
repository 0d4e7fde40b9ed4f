import { Logger, type LoggerService } from '@nestjs/common';
import { afterAll, afterEach, beforeAll } from 'vitest';

export interface LogEntry {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
  /** Nest's logger context: the name given to `new Logger(...)`. */
  context: string | undefined;
  message: unknown;
  /** When it was logged (ms since the epoch). */
  at: number;
}

/**
 * A Nest logger that keeps every entry in memory instead of printing it, so a test can assert
 * what the application logged (level, context and the structured message as the code wrote it).
 */
export class RecordingLogger implements LoggerService {
  readonly entries: LogEntry[] = [];

  log(message: unknown, ...rest: unknown[]): void {
    this.record('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.record('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.record('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.record('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.record('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.record('fatal', message, rest);
  }

  /** Entries of one context whose message has `msg` (the structured logs' convention). */
  withMsg(context: string, msg: string): LogEntry[] {
    return this.entries.filter((entry) => entry.context === context && (entry.message as { msg?: unknown } | null)?.msg === msg);
  }

  private record(level: LogEntry['level'], message: unknown, rest: unknown[]): void {
    // Nest passes the context last (after a stack trace for errors, when there is one).
    const context = rest.length > 0 && typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    this.entries.push({ level, context, message, at: Date.now() });
  }
}

/**
 * Routes every Nest logger into one RecordingLogger for the calling describe block (classes built
 * by hand, without an application), emptied after each test.
 */
export function recordNestLogs(): RecordingLogger {
  const logs = new RecordingLogger();
  beforeAll(() => Logger.overrideLogger(logs));
  afterEach(() => {
    logs.entries.length = 0;
  });
  afterAll(() => Logger.overrideLogger(new Logger()));
  return logs;
}
