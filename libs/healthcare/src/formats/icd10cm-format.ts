/**
 * The shape of an ICD-10-CM code, independent of any code list: a three-character category that
 * starts with a letter, then up to four more characters (placeholder X and 7th characters such as
 * A/D/S are letters). Claims carry the dot after the category; the CMS code files do not.
 * The second character is usually a digit, but not always: FY2026 added category QA0 (QA0.0101,
 * QA0.8), and the third is a letter in C4A, M1A, Z3A. So only the first character is pinned to a
 * letter. A code that passes this check may still not exist; that is the code-set rule's job.
 */
const DOTTED = /^[A-Z][0-9A-Z]{2}(?:\.[0-9A-Z]{1,4})?$/;
const DOTLESS = /^[A-Z][0-9A-Z]{2,6}$/;

export function isIcd10CmDottedFormat(code: string): boolean {
  return DOTTED.test(code);
}

export function isIcd10CmDotlessFormat(code: string): boolean {
  return DOTLESS.test(code);
}

/** Either spelling, as real feeds mix them. */
export function isIcd10CmFormat(code: string): boolean {
  return DOTTED.test(code) || DOTLESS.test(code);
}

/** `E119` → `E11.9`; a three-character category has no dot. */
export function toDottedIcd10Cm(dotless: string): string {
  return dotless.length > 3 ? `${dotless.slice(0, 3)}.${dotless.slice(3)}` : dotless;
}

/** `E11.9` → `E119`, the spelling of the shipped code lists. */
export function toDotlessIcd10Cm(code: string): string {
  return code.replace('.', '');
}
