import { inspect } from 'node:util';

/**
 * A configuration value that must never be printed. It serializes, stringifies and inspects as
 * "[redacted]", so a logged config object or an error message cannot carry it by accident.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return '[redacted]';
  }
}
