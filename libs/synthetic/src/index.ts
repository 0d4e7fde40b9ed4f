export { generateProfessionalClaims, writeProfessionalClaimsCsv } from './professional-claims';
export type { ProfessionalClaimsOptions } from './generation-options';
export type { GenerationManifest, DefectRow } from './generation-manifest';
export { DEFECT_KINDS, isDefectKind, type DefectKind } from './defects/defect-kinds';
export {
  PROFESSIONAL_CLAIM_COLUMNS,
  type ProfessionalClaimColumn,
} from './claims/professional-claim-columns';
export type { TextSink } from './csv/chunked-text-writer';
export { SyntheticOptionsError } from './synthetic-options-error';
