import { npiCheckDigit } from '@ade/healthcare';
import { deriveSeed, type Random } from '../random/random';
import { scramble, unscramble } from './scramble';

const EIGHT_DIGITS = 100_000_000;
const STREAM_BILLING = 0x62696c;
const STREAM_RENDERING = 0x72656e;

/**
 * Provider NPIs derived from an index: unique within a role, valid by the Luhn rule, and with no
 * table kept in memory. Billing and rendering NPIs come from different scrambles so the two roles
 * do not collide by construction of the same index. Because the scramble can be undone, whether
 * an NPI belongs to the directory is answered without a table too.
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

  /** Every clinician of every group: rendering NPI indexes run 0..renderingProviders-1. */
  get renderingProviders(): number {
    return this.billingProviders * this.cliniciansPerGroup;
  }

  billingNpi(group: number): string {
    return npiFrom(group, this.billingOffset);
  }

  renderingNpi(group: number, clinician: number): string {
    return this.renderingNpiAt(group * this.cliniciansPerGroup + clinician);
  }

  /** The rendering NPI by its flat index (group × cliniciansPerGroup + clinician). */
  renderingNpiAt(index: number): string {
    return npiFrom(index, this.renderingOffset);
  }

  /** The billing group whose NPI this is, or undefined. */
  billingGroupOf(npi: string): number | undefined {
    return indexOf(npi, this.billingOffset, this.billingProviders);
  }

  /** True for any billing or rendering NPI of the directory: what the providers file lists. */
  lists(npi: string): boolean {
    return this.billingGroupOf(npi) !== undefined || indexOf(npi, this.renderingOffset, this.renderingProviders) !== undefined;
  }

  /**
   * A valid NPI (10 digits, leading 1 or 2, correct check digit) that the directory does not
   * list: what a claim from a provider missing from the providers file carries.
   */
  unlistedNpi(random: Random): string {
    for (;;) {
      const first9 = `${random.int(1, 2)}${String(random.int(0, EIGHT_DIGITS - 1)).padStart(8, '0')}`;
      const npi = first9 + String(npiCheckDigit(first9));
      if (!this.lists(npi)) return npi;
    }
  }
}

function npiFrom(index: number, offset: number): string {
  // NPIs start with 1 or 2; which one says nothing about the provider, so alternate.
  const first9 = `${1 + (index % 2)}${String(scramble(index, EIGHT_DIGITS, offset)).padStart(8, '0')}`;
  return first9 + String(npiCheckDigit(first9));
}

function indexOf(npi: string, offset: number, count: number): number | undefined {
  if (!/^[12]\d{9}$/.test(npi)) return undefined;
  const index = unscramble(Number(npi.slice(1, 9)), EIGHT_DIGITS, offset);
  return index < count && npiFrom(index, offset) === npi ? index : undefined;
}
