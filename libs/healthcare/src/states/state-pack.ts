import type { DataType } from '@ade/contracts';

export const CLAIM_TYPES = ['professional', 'institutional', 'pharmacy'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

/**
 * One state Medicaid program's variations, shipped as a data file (libs/healthcare/state-packs/)
 * and validated when loaded. The default pack applies when a pipeline names no state.
 */
export interface StatePack {
  /** USPS code, or 'default'. */
  state: string;
  name: string;
  /** Anchored regular expression (source text) a Medicaid member id must match. */
  medicaidMemberIdPattern: string;
  /** Days from the end of service to receipt within which a claim must be filed. */
  timelyFilingDays: number;
  /** Canonical column names that must be present and non-empty, per data type (on top of the schema's own). */
  requiredFields: Partial<Record<DataType, string[]>>;
  allowedClaimTypes: ClaimType[];
  /** Where the figures come from, for the reviewer. */
  sources: string[];
}

/** The pack that applies when a pipeline names no state; its file is `default.json`. */
export const DEFAULT_STATE_PACK = 'default';
