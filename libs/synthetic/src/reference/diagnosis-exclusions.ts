/**
 * Dotless ICD-10-CM prefixes left out of random diagnosis picks. A code's existence is checked
 * against the shipped lists, but some existing codes would still be wrong on a random patient:
 * claim edits (the CMS MCE sex and age edits, first-listed rules) reject them. Without those edit
 * tables in the repository, these ranges are simply avoided, so that a defect-free row stays valid
 * if a later rules library adds such edits.
 */
export const EXCLUDED_DIAGNOSIS_PREFIXES: readonly string[] = [
  // External causes: never first-listed, only meaningful beside an injury code.
  'V', 'W', 'X', 'Y',
  // Pregnancy, childbirth and the perinatal period: one sex, narrow age bands.
  'O', 'P', 'Z30', 'Z31', 'Z32', 'Z33', 'Z34', 'Z35', 'Z36', 'Z37', 'Z38', 'Z39', 'Z3A',
  // Routine examinations split by age (adult Z00.0-, child and newborn Z00.1-).
  'Z000', 'Z001',
  // Male only: genital organs, their neoplasms and congenital anomalies, related history and screening.
  'B260', 'C60', 'C61', 'C62', 'C63', 'D074', 'D075', 'D076', 'D176', 'D29', 'D40', 'E29', 'I861', 'L291',
  'N40', 'N41', 'N42', 'N43', 'N44', 'N45', 'N46', 'N47', 'N48', 'N49', 'N50', 'N51', 'N52', 'N53',
  'Q53', 'Q54', 'Q55', 'R36', 'R86', 'Z125', 'Z8042', 'Z8546', 'Z9079',
  // Female only: genital organs and breast-related, their neoplasms and anomalies, screening, contraception.
  'A34', 'B373', 'C51', 'C52', 'C53', 'C54', 'C55', 'C56', 'C57', 'C58', 'C796', 'D06', 'D070', 'D071',
  'D072', 'D073', 'D25', 'D26', 'D27', 'D28', 'D391', 'E28', 'N70', 'N71', 'N72', 'N73', 'N74', 'N75',
  'N76', 'N77', 'N80', 'N81', 'N82', 'N83', 'N84', 'N85', 'N86', 'N87', 'N88', 'N89', 'N90', 'N91', 'N92',
  'N93', 'N94', 'N95', 'N96', 'N97', 'N98', 'N992', 'N993', 'Q50', 'Q51', 'Q52', 'R87', 'Z014', 'Z124',
  'Z793', 'Z8041', 'Z8540', 'Z8541', 'Z8542', 'Z8543', 'Z8544', 'Z875', 'Z975',
];

export function isExcludedDiagnosis(dotlessCode: string): boolean {
  return EXCLUDED_DIAGNOSIS_PREFIXES.some((prefix) => dotlessCode.startsWith(prefix));
}
