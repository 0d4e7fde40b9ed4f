/**
 * Shapes of the procedure codes a professional claim line carries in its HCPCS field. Format only:
 * CPT® content is AMA copyright and not shipped, so a CPT code can be checked for shape, never
 * for existence.
 */
const CPT_CATEGORY_I = /^[0-9]{5}$/;
/** Category II ends in F, Category III in T. */
const CPT_CATEGORY_II_OR_III = /^[0-9]{4}[FT]$/;
const HCPCS_LEVEL_II = /^[A-Z][0-9]{4}$/;

export function isCptCategoryIFormat(code: string): boolean {
  return CPT_CATEGORY_I.test(code);
}

export function isCptFormat(code: string): boolean {
  return CPT_CATEGORY_I.test(code) || CPT_CATEGORY_II_OR_III.test(code);
}

export function isHcpcsLevel2Format(code: string): boolean {
  return HCPCS_LEVEL_II.test(code);
}

/** HCPCS Level I (CPT) or Level II: what a 837P/CMS-1500 line may carry as its procedure code. */
export function isProcedureCodeFormat(code: string): boolean {
  return isCptFormat(code) || HCPCS_LEVEL_II.test(code);
}
