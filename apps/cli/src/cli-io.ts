/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Reads a secret from the terminal (or one line of piped stdin). */
  prompt: (question: string) => Promise<string>;
  sleep: (ms: number) => Promise<void>;
  /** Standard error is a terminal: progress is worth printing there while a command waits. */
  interactive?: boolean;
}

/** A failure the user can act on: printed as one line, never with a stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** A secret named by a `--x-env VAR` flag: read from the environment, so it never sits in the shell history. */
export function fromEnv(io: CliIo, variable: string | undefined, flag: string): string | undefined {
  if (variable === undefined) return undefined;
  const value = io.env[variable];
  if (!value) throw new UsageError(`--${flag}: the environment variable ${variable} is not set`);
  return value;
}
