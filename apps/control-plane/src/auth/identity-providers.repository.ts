import { Injectable } from '@nestjs/common';
import type { Role } from '@ade/contracts';
import { DatabaseScope } from '../database/database-scope';
import type { IdentityProviderDto } from './dto/identity-provider.dto';

export interface IdentityProvider {
  tenantId: string;
  issuer: string;
  jwksUri: string;
  audience: string;
  emailClaim: string;
  createdAt: Date;
  updatedAt: Date;
}

interface IdentityProviderRow {
  tenant_id: string;
  issuer: string;
  jwks_uri: string;
  audience: string;
  email_claim: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'tenant_id, issuer, jwks_uri, audience, email_claim, created_at, updated_at';

function fromRow(row: IdentityProviderRow): IdentityProvider {
  return {
    tenantId: row.tenant_id,
    issuer: row.issuer,
    jwksUri: row.jwks_uri,
    audience: row.audience,
    emailClaim: row.email_claim,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Tenants' external identity providers (one per tenant, tenant-owned, RLS). */
@Injectable()
export class IdentityProvidersRepository {
  constructor(private readonly scope: DatabaseScope) {}

  /** A bearer token names its issuer before any tenant is known: the issuer picks the tenant. */
  findByIssuer(issuer: string): Promise<IdentityProvider | null> {
    return this.scope.asPlatform('identity provider lookup by token issuer', async (tx) => {
      const rows = (await tx.query(`SELECT ${COLUMNS} FROM tenant_identity_providers WHERE issuer = $1`, [issuer])) as IdentityProviderRow[];
      return rows[0] ? fromRow(rows[0]) : null;
    });
  }

  /** Creates or replaces the tenant's provider; null when the tenant does not exist. */
  upsert(tenantId: string, dto: IdentityProviderDto): Promise<IdentityProvider | null> {
    return this.scope.forTenant(tenantId, async (tx) => {
      const tenants = (await tx.query(`SELECT 1 FROM tenants WHERE id = $1`, [tenantId])) as unknown[];
      if (tenants.length === 0) return null;
      const rows = (await tx.query(
        `INSERT INTO tenant_identity_providers (tenant_id, issuer, jwks_uri, audience, email_claim) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id) DO UPDATE
           SET issuer = EXCLUDED.issuer, jwks_uri = EXCLUDED.jwks_uri, audience = EXCLUDED.audience,
               email_claim = EXCLUDED.email_claim, updated_at = now()
         RETURNING ${COLUMNS}`,
        [tenantId, dto.issuer, dto.jwksUri, dto.audience, dto.emailClaim],
      )) as IdentityProviderRow[];
      return fromRow(rows[0]!);
    });
  }

  /** The removed provider, or null when the tenant had none. */
  delete(tenantId: string): Promise<IdentityProvider | null> {
    return this.scope.forTenant(tenantId, async (tx) => {
      const [rows] = (await tx.query(`DELETE FROM tenant_identity_providers WHERE tenant_id = $1 RETURNING ${COLUMNS}`, [tenantId])) as [
        IdentityProviderRow[],
        number,
      ];
      return rows[0] ? fromRow(rows[0]) : null;
    });
  }

  /** The tenant's user with this (lower-cased) email; users of other tenants and operators are not found. */
  findTenantUser(tenantId: string, email: string): Promise<{ id: string; role: Role } | null> {
    return this.scope.forTenant(tenantId, async (tx) => {
      const rows = (await tx.query(`SELECT id, role FROM users WHERE tenant_id = $1 AND email = $2`, [tenantId, email.toLowerCase()])) as {
        id: string;
        role: Role;
      }[];
      return rows[0] ?? null;
    });
  }
}
