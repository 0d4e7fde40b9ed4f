import { defineRule } from './define-rule';
import { BLANK } from './values/blank';

export const claimTypeAllowed = defineRule({
  id: 'state_pack.claim_type',
  family: 'business',
  severity: 'error',
  roles: ['claimType'],
  requires: ['claimType'],
  description: "The claim type (professional, institutional, pharmacy; exact lower case) is one the state pack accepts.",
  message: 'Claim type is not accepted by this state',
  test: ({ claimType }, { statePack }) => (statePack.allowedClaimTypes as readonly string[]).includes(claimType),
  sql: ({ claimType }, { statePack, dialect }) =>
    statePack.allowedClaimTypes.length === 0 ? 'FALSE' : `${claimType} IN (${statePack.allowedClaimTypes.map(dialect.string).join(', ')})`,
});

export const requiredMissing = defineRule({
  id: 'required.missing',
  family: 'integrity',
  severity: 'error',
  roles: ['value'],
  requires: [],
  description: 'A required value is present: not null, not empty, not only spaces, tabs or line breaks.',
  message: 'Required value is missing',
  test: ({ value }) => typeof value === 'string' && !BLANK.test(value),
  sql: ({ value }, { dialect }) => `${value} IS NOT NULL AND NOT ${BLANK.sql(value, dialect)}`,
});
