import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthConfig } from '../config/control-plane.config';

const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

function memoryFor(cost: number): number {
  return 128 * cost * BLOCK_SIZE * 2;
}

/**
 * scrypt, a memory-hard hash, in a self-describing format (`scrypt$log2N$r$p$salt$hash`) so the
 * cost can be raised later without invalidating stored hashes.
 */
@Injectable()
export class PasswordHasher {
  /** Verifying against this keeps a login for an unknown email as slow as one for a known one. */
  private readonly decoy: Promise<string>;

  constructor(private readonly config: AuthConfig) {
    this.decoy = this.hash(randomBytes(16).toString('hex'));
  }

  async hash(password: string): Promise<string> {
    const cost = 2 ** this.config.passwordHashCost;
    const salt = randomBytes(16);
    const key = await scrypt(password, salt, { N: cost, r: BLOCK_SIZE, p: PARALLELISM, maxmem: memoryFor(cost) });
    return ['scrypt', this.config.passwordHashCost, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string | null): Promise<boolean> {
    const encoded = stored ?? (await this.decoy);
    const [scheme, log2N, r, p, salt, expected] = encoded.split('$');
    if (scheme !== 'scrypt' || !salt || !expected) return false;
    const cost = 2 ** Number(log2N);
    const key = await scrypt(password, Buffer.from(salt, 'base64'), {
      N: cost,
      r: Number(r),
      p: Number(p),
      maxmem: memoryFor(cost),
    });
    const matches = timingSafeEqual(key, Buffer.from(expected, 'base64'));
    // Stryker disable next-line ConditionalExpression: equivalent in practice, the decoy's password is 128 random bits nobody knows
    return stored !== null && matches;
  }
}
