export { generateProfessionalClaims, writeProfessionalClaimsCsv } from './professional-claims';
export {
  generateEligibilityCsv,
  generateProvidersCsv,
  writeReferenceFiles,
  type ReferenceFilePaths,
  type ReferenceFilesSummary,
} from './reference-files';
export type { EligibilityCounts } from './reference-files/eligibility-csv';
export { ELIGIBILITY_COLUMNS, PROVIDER_COLUMNS } from './reference-files/reference-columns';
export type { ProfessionalClaimsOptions } from './generation-options';
export type { GenerationManifest, DefectRow, RepairRow } from './generation-manifest';
export {
  CROSS_TABLE_DEFECT_KINDS,
  DEFAULT_DEFECT_KINDS,
  DEFECT_KINDS,
  OPT_IN_DEFECT_KINDS,
  isDefectKind,
  type DefectKind,
} from './defects/defect-kinds';
export { REPAIR_IDS, type RepairId } from './repairs/repair-ids';
export {
  PROFESSIONAL_CLAIM_COLUMNS,
  type ProfessionalClaimColumn,
} from './claims/professional-claim-columns';
export type { TextSink } from './csv/chunked-text-writer';
export { SyntheticOptionsError } from './synthetic-options-error';
export * from './published-layouts/published-headers';
export { claimsFromRows, professional837, type Professional837Claim } from './x12/professional-837';
export { randomProfessionalClaims } from './x12/random-professional-claims';
