/**
 * Maps 0..modulus-1 onto itself one-to-one in a scrambled order (an affine permutation: the
 * multiplier is coprime with the power-of-ten modulus). Identifiers built from it are unique
 * without a lookup table, yet do not count up visibly.
 */
export function scramble(index: number, modulus: number, offset: number): number {
  // 7_368_787 is odd and not a multiple of 5, hence coprime with any power of ten.
  return Number((BigInt(index) * 7_368_787n + BigInt(offset)) % BigInt(modulus));
}
