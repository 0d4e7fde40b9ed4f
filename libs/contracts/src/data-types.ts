/** The kinds of healthcare data a pipeline can carry; each has its own canonical silver schema. */
export const DATA_TYPES = [
  'professional_claims',
  'institutional_claims',
  'pharmacy_claims',
  'providers',
  'eligibility',
  'remittance',
] as const;
export type DataType = (typeof DATA_TYPES)[number];

/** What the engine reads directly; X12 files (837, 834, 835) are turned into rows by the worker first. */
export const TABULAR_FORMATS = ['csv', 'ndjson', 'parquet'] as const;
export type TabularFormat = (typeof TABULAR_FORMATS)[number];

export const SOURCE_FORMATS = [...TABULAR_FORMATS, 'x12'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** The data types an X12 file can carry: claims (837P, 837I), enrollment (834) and remittance advice (835). */
export const X12_DATA_TYPES = ['professional_claims', 'institutional_claims', 'eligibility', 'remittance'] as const;

export const MEDALLION_SCHEMAS = ['bronze', 'silver', 'gold'] as const;
export type MedallionSchema = (typeof MEDALLION_SCHEMAS)[number];

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const ROLES = ['platform_operator', 'tenant_admin', 'tenant_viewer'] as const;
export type Role = (typeof ROLES)[number];
