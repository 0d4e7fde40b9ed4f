/**
 * Maps 0..modulus-1 onto itself one-to-one in a scrambled order (an affine permutation: the
 * multiplier is coprime with the power-of-ten modulus). Identifiers built from it are unique
 * without a lookup table, yet do not count up visibly.
 */
export function scramble(index: number, modulus: number, offset: number): number {
  // 7_368_787 is odd and not a multiple of 5, hence coprime with any power of ten.
  return Number((BigInt(index) * MULTIPLIER + BigInt(offset)) % BigInt(modulus));
}

/**
 * The index scramble(index, modulus, offset) came from, so an identifier can be traced back to
 * its index (is this NPI one of the directory's?) without a table.
 */
export function unscramble(value: number, modulus: number, offset: number): number {
  const m = BigInt(modulus);
  const shifted = (((BigInt(value) - BigInt(offset)) % m) + m) % m;
  return Number((shifted * inverseMod(MULTIPLIER, m)) % m);
}

const MULTIPLIER = 7_368_787n;
const inverses = new Map<bigint, bigint>();

/** Modular inverse by the extended Euclidean algorithm (the multiplier is coprime with the modulus). */
function inverseMod(value: bigint, modulus: bigint): bigint {
  let inverse = inverses.get(modulus);
  if (inverse === undefined) {
    let [oldR, r] = [value % modulus, modulus];
    let [oldS, s] = [1n, 0n];
    while (r !== 0n) {
      const quotient = oldR / r;
      [oldR, r] = [r, oldR - quotient * r];
      [oldS, s] = [s, oldS - quotient * s];
    }
    inverse = ((oldS % modulus) + modulus) % modulus;
    inverses.set(modulus, inverse);
  }
  return inverse;
}
