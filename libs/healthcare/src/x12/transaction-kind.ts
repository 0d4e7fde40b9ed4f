export type X12TransactionKind = '837P' | '837I';
export type X12ClaimDataType = 'professional_claims' | 'institutional_claims';

/**
 * GS08 / ST03 implementation guide versions we map: the 5010 837 guides and their addenda (A1,
 * A2; for 837I also A3, which only corrected A2's errata). The addenda change code lists and
 * situational rules, not the loops we read, so all are read alike.
 */
const KIND_OF_VERSION: Readonly<Record<string, X12TransactionKind>> = {
  '005010X222': '837P',
  '005010X222A1': '837P',
  '005010X222A2': '837P',
  '005010X223': '837I',
  '005010X223A1': '837I',
  '005010X223A2': '837I',
  '005010X223A3': '837I',
};

export const X12_SUPPORTED_VERSIONS: readonly string[] = Object.keys(KIND_OF_VERSION);

export function transactionKindOf(version: string | null): X12TransactionKind | undefined {
  return version === null ? undefined : KIND_OF_VERSION[version];
}

/** Why a GS08 version is not read: 4010 gets how to convert, anything else the versions that are read. */
export function unsupportedVersionProblem(version: string | null): string {
  if (version?.startsWith('004010')) {
    return 'GS08 is the retired 4010 version of the 837, replaced by 5010 in 2012; convert the file to 5010 (005010X222A1 professional, 005010X223A3 institutional) with an X12 translator or your clearinghouse and send it again';
  }
  return `GS08 is not a supported 837 version (${X12_SUPPORTED_VERSIONS.join(', ')})`;
}

export const DATA_TYPE_OF_KIND: Readonly<Record<X12TransactionKind, X12ClaimDataType>> = {
  '837P': 'professional_claims',
  '837I': 'institutional_claims',
};
