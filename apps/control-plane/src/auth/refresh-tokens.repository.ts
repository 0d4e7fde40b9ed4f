import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from '@ade/contracts';
import { DatabaseScope } from '../database/database-scope';
import { inOwnerScope, type SessionOwner, type SessionUser } from './session-owner';

export interface NewRefreshToken {
  tokenHash: string;
  expiresAt: Date;
}

export type RevokeReason = 'logout' | 'reuse_detected' | 'user_removed';

/** Records a detected reuse inside the rotation's transaction; returns what to do once it commits (webhook deliveries). */
export type ReuseRecorder = (tx: EntityManager, user: SessionUser, familyId: string) => Promise<string[]>;

export type RotationResult =
  | { outcome: 'rotated'; familyId: string; user: SessionUser }
  | { outcome: 'reused'; familyId: string; user: SessionUser | null; deliveryIds: string[] }
  | { outcome: 'invalid' };

interface TokenRow {
  id: string;
  family_id: string;
  expired: boolean;
  used: boolean;
  revoked: boolean;
  user_id: string | null;
  tenant_id: string | null;
  role: Role | null;
}

/**
 * Refresh tokens, by SHA-256 hash only. Rows are tenant-owned (RLS); a presented token is looked up
 * before its tenant is known, so rotation runs in platform scope; everything done on behalf of a
 * signed-in caller runs in the caller's own scope.
 */
@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly scope: DatabaseScope) {}

  /** Starts a session (a new family) for `owner`; returns the family id, which is the session id. */
  async startFamily(owner: SessionOwner, token: NewRefreshToken): Promise<string> {
    const familyId = randomUUID();
    await inOwnerScope(this.scope, owner, 'operator session start', (tx) => insertToken(tx, owner, familyId, token));
    return familyId;
  }

  /**
   * Marks the presented token used and adds `next` to its family, atomically. A token presented a
   * second time revokes its whole family (OAuth 2.0 Security BCP reuse detection), and the
   * revocation is recorded by `onReuse` in the same transaction.
   */
  rotate(tokenHash: string, next: NewRefreshToken, onReuse: ReuseRecorder): Promise<RotationResult> {
    return this.scope.asPlatform('refresh token lookup', async (tx) => {
      const rows = (await tx.query(
        `SELECT t.id, t.family_id, t.expires_at <= now() AS expired, t.used_at IS NOT NULL AS used,
                t.revoked_at IS NOT NULL AS revoked, u.id AS user_id, u.tenant_id, u.role
         FROM refresh_tokens t LEFT JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1
         FOR UPDATE OF t`,
        [tokenHash],
      )) as TokenRow[];
      const row = rows[0];
      if (!row || row.revoked || row.expired) return { outcome: 'invalid' };
      if (row.used) {
        await revokeFamily(tx, row.family_id, 'reuse_detected');
        const user = row.user_id && row.role ? { id: row.user_id, tenantId: row.tenant_id, role: row.role } : null;
        const deliveryIds = user ? await onReuse(tx, user, row.family_id) : [];
        return { outcome: 'reused', familyId: row.family_id, user, deliveryIds };
      }
      if (!row.user_id || !row.role) {
        await revokeFamily(tx, row.family_id, 'user_removed');
        return { outcome: 'invalid' };
      }
      await tx.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [row.id]);
      const user = { id: row.user_id, tenantId: row.tenant_id, role: row.role };
      await insertToken(tx, { userId: user.id, tenantId: user.tenantId }, row.family_id, next);
      return { outcome: 'rotated', familyId: row.family_id, user };
    });
  }

  /** Revokes one of `owner`'s sessions; another user's session id changes nothing. */
  async revokeFamily(owner: SessionOwner, familyId: string, reason: RevokeReason): Promise<void> {
    await inOwnerScope(this.scope, owner, 'operator session revocation', (tx) =>
      tx.query(`UPDATE refresh_tokens SET revoked_at = now(), revoke_reason = $3 WHERE family_id = $1 AND user_id = $2 AND revoked_at IS NULL`, [
        familyId,
        owner.userId,
        reason,
      ]),
    );
  }

  /** The session a refresh token of `owner`'s belongs to, or null when it is not one of theirs. */
  familyOfToken(owner: SessionOwner, tokenHash: string): Promise<string | null> {
    return inOwnerScope(this.scope, owner, 'operator session lookup', async (tx) => {
      const rows = (await tx.query(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2`, [tokenHash, owner.userId])) as {
        family_id: string;
      }[];
      return rows[0]?.family_id ?? null;
    });
  }
}

async function insertToken(tx: EntityManager, owner: SessionOwner, familyId: string, token: NewRefreshToken): Promise<void> {
  await tx.query(
    `INSERT INTO refresh_tokens (id, user_id, tenant_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [randomUUID(), owner.userId, owner.tenantId, familyId, token.tokenHash, token.expiresAt],
  );
}

async function revokeFamily(tx: EntityManager, familyId: string, reason: RevokeReason): Promise<void> {
  await tx.query(`UPDATE refresh_tokens SET revoked_at = now(), revoke_reason = $2 WHERE family_id = $1 AND revoked_at IS NULL`, [familyId, reason]);
}
