import type { DataType } from '@ade/contracts';
import type { CanonicalSchema } from './canonical-schema';
import { ELIGIBILITY_SCHEMA } from './eligibility.schema';
import { INSTITUTIONAL_CLAIMS_SCHEMA } from './institutional-claims.schema';
import { PHARMACY_CLAIMS_SCHEMA } from './pharmacy-claims.schema';
import { PROFESSIONAL_CLAIMS_SCHEMA } from './professional-claims.schema';
import { PROVIDERS_SCHEMA } from './providers.schema';
import { REMITTANCE_SCHEMA } from './remittance.schema';

/** The silver schema of every data type. */
export const CANONICAL_SCHEMAS: Readonly<Record<DataType, CanonicalSchema>> = {
  professional_claims: PROFESSIONAL_CLAIMS_SCHEMA,
  institutional_claims: INSTITUTIONAL_CLAIMS_SCHEMA,
  pharmacy_claims: PHARMACY_CLAIMS_SCHEMA,
  providers: PROVIDERS_SCHEMA,
  eligibility: ELIGIBILITY_SCHEMA,
  remittance: REMITTANCE_SCHEMA,
};

export function canonicalSchema(dataType: DataType): CanonicalSchema {
  const schema = CANONICAL_SCHEMAS[dataType];
  if (!schema) throw new RangeError(`No canonical schema for data type ${String(dataType)}`);
  return schema;
}

/** Names of the columns that must never leave the data plane unmasked, in schema order. */
export function phiColumns(dataType: DataType): string[] {
  return canonicalSchema(dataType)
    .columns.filter((column) => column.phi)
    .map((column) => column.name);
}
