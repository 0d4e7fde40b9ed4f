/**
 * Medicaid member identifiers shaped like the state's own where a state pack gives the shape
 * (libs/healthcare/state-packs/<state>.json, `medicaidMemberIdPattern`), else the state code and
 * nine digits, which the default pack accepts. Built from a unique serial (below 10^9), so
 * distinct members never share an id. A test keeps every shipped pack and this file in step.
 */
type MemberIdFormat = (serial: number) => string;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const STATE_FORMATS: Readonly<Record<string, MemberIdFormat>> = {
  // New York Client Identification Number: two letters, five digits, a letter (AB12345C).
  NY: (serial) => {
    const digits = serial % 100_000;
    let rest = Math.floor(serial / 100_000);
    const last = LETTERS[rest % 26]!;
    rest = Math.floor(rest / 26);
    const second = LETTERS[rest % 26]!;
    const first = LETTERS[Math.floor(rest / 26) % 26]!;
    return `${first}${second}${pad(digits, 5)}${last}`;
  },
  // California Medi-Cal CIN: eight digits and a check letter (9 characters).
  CA: (serial) => `${pad(serial % 100_000_000, 8)}${LETTERS[Math.floor(serial / 100_000_000) % 26]}`,
  // Texas Medicaid: nine digits.
  TX: (serial) => pad(serial, 9),
  // Florida Medicaid: ten digits.
  FL: (serial) => `9${pad(serial, 9)}`,
  // Ohio Medicaid: twelve digits.
  OH: (serial) => `100${pad(serial, 9)}`,
  // Pennsylvania Medical Assistance (ACCESS card recipient number): ten digits.
  PA: (serial) => `1${pad(serial, 9)}`,
};

export function formatMemberId(state: string, serial: number): string {
  const format = STATE_FORMATS[state];
  return format ? format(serial) : `${state}${pad(serial, 9)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
