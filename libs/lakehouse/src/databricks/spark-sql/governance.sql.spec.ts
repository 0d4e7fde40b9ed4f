import { describe, expect, it } from 'vitest';
import { createPhiMaskSql, neededGrants, phiMaskAllowances } from './governance.sql';

describe('the PHI mask', () => {
  it('reads back whom it lets through from its own body, quotes and backslashes included', () => {
    const principal = "svc'o\\brien@payer.example";
    const groups = ['care management', 'phi.readers@payer'];
    const body = /RETURN (.*)$/.exec(createPhiMaskSql(principal, groups))![1]!;
    expect(body).toBe("CASE WHEN current_user() = 'svc\\'o\\\\brien@payer.example' OR is_account_group_member('care management') OR is_account_group_member('phi.readers@payer') THEN value ELSE NULL END");
    expect(phiMaskAllowances(body)).toEqual({ principals: [principal], groups });
  });

  it('reads a body however the workspace spaces and cases it', () => {
    expect(phiMaskAllowances("case when CURRENT_USER()='a' or IS_ACCOUNT_GROUP_MEMBER( 'g' ) then value end")).toEqual({ principals: ['a'], groups: ['g'] });
    expect(phiMaskAllowances('value')).toEqual({ principals: [], groups: [] });
  });
});

describe('neededGrants', () => {
  it('asks USE CATALOG, and USE SCHEMA and SELECT on silver and gold, once per group', () => {
    const grants = neededGrants('tenant_42', { readers: ['a', 'b'], phiReaders: ['b'] });
    expect(grants.map((grant) => grant.sql)).toEqual(
      ['a', 'b'].flatMap((group) => [
        `GRANT USE CATALOG ON CATALOG \`tenant_42\` TO \`${group}\``,
        `GRANT USE SCHEMA ON SCHEMA \`silver\` TO \`${group}\``,
        `GRANT SELECT ON SCHEMA \`silver\` TO \`${group}\``,
        `GRANT USE SCHEMA ON SCHEMA \`gold\` TO \`${group}\``,
        `GRANT SELECT ON SCHEMA \`gold\` TO \`${group}\``,
      ]),
    );
    expect(neededGrants('tenant_42', { readers: [], phiReaders: [] })).toEqual([]);
  });
});
