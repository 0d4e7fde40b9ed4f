/** The kinds of healthcare data a pipeline can carry; each has its own canonical silver schema. */
export const DATA_TYPES = [
  'professional_claims',
  'institutional_claims',
  'pharmacy_claims',
  'providers',
  'eligibility',
] as const;
export type DataType = (typeof DATA_TYPES)[number];

export const SOURCE_FORMATS = ['csv', 'ndjson', 'parquet'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export const MEDALLION_SCHEMAS = ['bronze', 'silver', 'gold'] as const;
export type MedallionSchema = (typeof MEDALLION_SCHEMAS)[number];

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const ROLES = ['platform_operator', 'tenant_admin', 'tenant_viewer'] as const;
export type Role = (typeof ROLES)[number];
