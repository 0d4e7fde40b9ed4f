export type X12TransactionKind = '837P' | '837I';
export type X12ClaimDataType = 'professional_claims' | 'institutional_claims';

/**
 * GS08 / ST03 implementation guide versions we map. X223A3 only corrected X223A2's errata, so the
 * loops we read are the same in both.
 */
const KIND_OF_VERSION: Readonly<Record<string, X12TransactionKind>> = {
  '005010X222A1': '837P',
  '005010X223A2': '837I',
  '005010X223A3': '837I',
};

export const X12_SUPPORTED_VERSIONS: readonly string[] = Object.keys(KIND_OF_VERSION);

export function transactionKindOf(version: string | null): X12TransactionKind | undefined {
  return version === null ? undefined : KIND_OF_VERSION[version];
}

export const DATA_TYPE_OF_KIND: Readonly<Record<X12TransactionKind, X12ClaimDataType>> = {
  '837P': 'professional_claims',
  '837I': 'institutional_claims',
};
