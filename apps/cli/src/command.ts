import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, UsageError, type CliIo } from './cli-io';

export interface Command {
  /** Words that select it, e.g. ['pipeline', 'run']. */
  path: string[];
  usage: string;
  summary: string;
  run: (argv: string[], io: CliIo) => Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

export const commonOptions = {
  json: { type: 'boolean', default: false },
  'api-url': { type: 'string' },
} as const satisfies Options;

/** Strict parsing: an unknown flag or a missing value is a usage error (exit 2), never ignored. */
export function parse<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: ${usage}`);
  }
}

export function requireOne(positionals: string[], what: string, usage: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one ${what}\nusage: ${usage}`);
  return positionals[0]!;
}

export function positiveSeconds(value: string | undefined, flag: string, fallback: number): number {
  return positiveNumber(value, `--${flag}`, fallback, 'a positive number of seconds');
}

/** A flag's value as a number above zero, or `fallback` when the flag is absent. */
export function positiveNumber(value: string | undefined, flag: string, fallback: number, what = 'a positive number'): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`${flag} must be ${what}`);
  return number;
}

/** A value that must be one of a fixed list (a flag, a positional): otherwise a usage error listing the choices. */
export function oneOf(value: string | undefined, allowed: readonly string[], what: string): string {
  if (value === undefined || !allowed.includes(value)) throw new UsageError(`${what} must be one of ${allowed.join(', ')}`);
  return value;
}

export async function waitFor<T>(io: CliIo, load: () => Promise<T>, done: (value: T) => boolean, timeoutSeconds: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const value = await load();
    if (done(value)) return value;
    // Exit 1, not 2: the command was right, the wait ran out (the run itself carries on).
    if (Date.now() > deadline) throw new CliError(`timed out after ${timeoutSeconds} s waiting for ${what}; it continues in the background`);
    await io.sleep(500);
  }
}
