import { npiCheckDigit } from '@ade/healthcare';
import { deriveSeed } from '../random/random';
import { scramble } from './scramble';

const EIGHT_DIGITS = 100_000_000;
const STREAM_BILLING = 0x62696c;
const STREAM_RENDERING = 0x72656e;

/**
 * Provider NPIs derived from an index: unique within a role, valid by the Luhn rule, and with no
 * table kept in memory. Billing and rendering NPIs come from different scrambles so the two roles
 * do not collide by construction of the same index.
 */
export class ProviderDirectory {
  private readonly billingOffset: number;
  private readonly renderingOffset: number;

  constructor(
    seed: number,
    readonly billingProviders: number,
    /** Rendering clinicians per billing provider (a group practice). */
    readonly cliniciansPerGroup: number,
  ) {
    this.billingOffset = deriveSeed(seed, STREAM_BILLING) % EIGHT_DIGITS;
    this.renderingOffset = deriveSeed(seed, STREAM_RENDERING) % EIGHT_DIGITS;
  }

  billingNpi(group: number): string {
    return npiFrom(group, this.billingOffset);
  }

  renderingNpi(group: number, clinician: number): string {
    return npiFrom(group * this.cliniciansPerGroup + clinician, this.renderingOffset);
  }
}

function npiFrom(index: number, offset: number): string {
  // NPIs start with 1 or 2; which one says nothing about the provider, so alternate.
  const first9 = `${1 + (index % 2)}${String(scramble(index, EIGHT_DIGITS, offset)).padStart(8, '0')}`;
  return first9 + String(npiCheckDigit(first9));
}
