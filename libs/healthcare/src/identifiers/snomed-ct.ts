/**
 * SNOMED CT identifiers (SCTIDs), as the SNOMED International Technical Implementation Guide
 * defines them: 6 to 18 digits with no leading zero; the last digit is a Verhoeff check digit
 * and the two before it are the partition identifier, `00` or `10` for a concept (`01`/`11` a
 * description, `02`/`12` a relationship). A diagnosis code is a concept.
 */
const SCTID_FORMAT = /^[1-9][0-9]{5,17}$/;
export const CONCEPT_PARTITIONS: readonly string[] = ['00', '10'];

/** Verhoeff's dihedral-group multiplication table, d(j, k). */
export const VERHOEFF_MULTIPLY: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

/** Verhoeff's position permutations, p(i mod 8, digit): row i is row 1 applied i times. */
export const VERHOEFF_PERMUTE: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** True when a string of ASCII digits, check digit last, passes Verhoeff's check. */
export function verhoeffValid(digits: string): boolean {
  let check = 0;
  for (let position = 0; position < digits.length; position += 1) {
    const digit = digits.charCodeAt(digits.length - 1 - position) - 48;
    check = VERHOEFF_MULTIPLY[check]![VERHOEFF_PERMUTE[position % 8]![digit]!]!;
  }
  return check === 0;
}

/** A SNOMED CT concept id: well formed, in a concept partition, with its Verhoeff check digit. */
export function isSnomedConceptId(value: string): boolean {
  return SCTID_FORMAT.test(value) && CONCEPT_PARTITIONS.includes(value.slice(-3, -1)) && verhoeffValid(value);
}
