/**
 * Cosmetic variants the generator can write on clean rows (option `repairableRate`), named by the
 * repair that undoes each. A repaired value equals the clean value exactly; before repair a row
 * fails at most the format rule of the varied column, and never anything else.
 *
 * - `code.trim_upper`: `hcpcs_code` or a filled `diagnosis_code_N` written in lower case and/or
 *   with surrounding spaces (` 99213 `, `e11.9`). Trim, then upper-case.
 * - `icd10cm.restore_dot`: a filled `diagnosis_code_N` longer than three characters written
 *   without its dot (`E11.9` → `E119`). Put the dot back after the third character.
 * - `date.normalize`: a claim, line or received date written `MM/DD/YYYY` or `YYYYMMDD`. Rewrite
 *   it as `YYYY-MM-DD` (the rules read all three forms, so the row passes even before repair).
 * - `amount.normalize`: `charge_amount` written with a dollar sign and, from 1,000 up, thousands
 *   separators (`$1,234.50`, `$80.00`). Drop `$` and `,`.
 */
export const REPAIR_IDS = ['code.trim_upper', 'icd10cm.restore_dot', 'date.normalize', 'amount.normalize'] as const;

export type RepairId = (typeof REPAIR_IDS)[number];
