export type X12TransactionKind = '837P' | '837I' | '834' | '835';
/** The 837 kinds, whose sets are claims. */
export type X12ClaimKind = Exclude<X12TransactionKind, '834' | '835'>;
export type X12DataType = 'professional_claims' | 'institutional_claims' | 'eligibility' | 'remittance';

/**
 * GS08 / ST03 implementation guide versions we map: the 5010 837 guides and their addenda (A1,
 * A2; for 837I also A3, which only corrected A2's errata), the 5010 834 (benefit enrollment) and
 * the 5010 835 (claim payment and remittance advice).
 * The addenda change code lists and situational rules, not the loops we read, so all are read alike.
 */
const KIND_OF_VERSION: Readonly<Record<string, X12TransactionKind>> = {
  '005010X222': '837P',
  '005010X222A1': '837P',
  '005010X222A2': '837P',
  '005010X223': '837I',
  '005010X223A1': '837I',
  '005010X223A2': '837I',
  '005010X223A3': '837I',
  '005010X220': '834',
  '005010X220A1': '834',
  '005010X221': '835',
  '005010X221A1': '835',
};

export const X12_SUPPORTED_VERSIONS: readonly string[] = Object.keys(KIND_OF_VERSION);

export function transactionKindOf(version: string | null): X12TransactionKind | undefined {
  return version === null ? undefined : KIND_OF_VERSION[version];
}

/** Why a GS08 version is not read: 4010 gets how to convert, anything else the versions that are read. */
export function unsupportedVersionProblem(version: string | null): string {
  if (version?.startsWith('004010')) {
    return 'GS08 is the retired 4010 version, replaced by 5010 in 2012; convert the file to 5010 (005010X222A1 professional, 005010X223A3 institutional, 005010X220A1 enrollment, 005010X221A1 remittance) with an X12 translator or your clearinghouse and send it again';
  }
  return `GS08 is not a supported version (${X12_SUPPORTED_VERSIONS.join(', ')})`;
}

export const DATA_TYPE_OF_KIND: Readonly<Record<X12TransactionKind, X12DataType>> = {
  '837P': 'professional_claims',
  '837I': 'institutional_claims',
  '834': 'eligibility',
  '835': 'remittance',
};

/** What GS01 (functional identifier) and ST01 (transaction set identifier) say for each kind. */
export const ENVELOPE_IDS: Readonly<Record<X12TransactionKind, { functionalId: string; transactionSetId: string }>> = {
  '837P': { functionalId: 'HC', transactionSetId: '837' },
  '837I': { functionalId: 'HC', transactionSetId: '837' },
  '834': { functionalId: 'BE', transactionSetId: '834' },
  '835': { functionalId: 'HP', transactionSetId: '835' },
};
