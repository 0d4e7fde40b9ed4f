/**
 * National Provider Identifier (45 CFR 162.406): 10 digits, the first 1 or 2, the last a Luhn
 * check digit. The NPI is the tail of an ISO 7812 card number issued under the US health prefix
 * 80840, so CMS computes the Luhn digit as if that prefix were written in front of it.
 */
const NPI_FORMAT = /^[12][0-9]{9}$/;
const NINE_DIGITS = /^[0-9]{9}$/;
const US_HEALTH_ISSUER_PREFIX = '80840';

export function isValidNpi(value: string): boolean {
  if (!NPI_FORMAT.test(value)) return false;
  return npiCheckDigit(value.slice(0, 9)) === value.charCodeAt(9) - 48;
}

/** The check digit for an NPI whose first nine digits are `first9`. */
export function npiCheckDigit(first9: string): number {
  if (!NINE_DIGITS.test(first9)) {
    throw new RangeError('npiCheckDigit needs exactly nine ASCII digits');
  }
  return luhnCheckDigit(US_HEALTH_ISSUER_PREFIX + first9);
}

/** A doubled digit's contribution to the Luhn sum: the sum of the digits of 2 × d. */
const LUHN_DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

/** Luhn digit to append to `payload`: double every second digit, starting with the rightmost. */
function luhnCheckDigit(payload: string): number {
  let sum = 0;
  let double = true;
  for (let index = payload.length - 1; index >= 0; index -= 1) {
    const digit = payload.charCodeAt(index) - 48;
    sum += double ? LUHN_DOUBLED[digit]! : digit;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}
