import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DatabaseScope } from '../../database/database-scope';
import { inOwnerScope, type SessionOwner } from '../session-owner';

export interface MfaState {
  secretCiphertext: string | null;
  enabled: boolean;
  lastStep: number | null;
  /** The tenant's policy (false for operators). */
  required: boolean;
}

/**
 * A user's second factor: the encrypted TOTP secret, the last step accepted, the hashed recovery
 * codes. Everything runs in the user's own scope (platform scope for operators, who have no
 * tenant), and every change is one guarded statement or one transaction.
 */
@Injectable()
export class MfaRepository {
  constructor(private readonly scope: DatabaseScope) {}

  state(owner: SessionOwner): Promise<MfaState | null> {
    return inOwnerScope(this.scope, owner, 'operator MFA state', async (tx) => {
      const rows: Array<{ secret: string | null; enabled: boolean; last_step: string | null; required: boolean | null }> = await tx.query(
        `SELECT u.mfa_secret_ciphertext AS secret, u.mfa_enabled_at IS NOT NULL AS enabled, u.mfa_last_step AS last_step, t.mfa_required AS required
         FROM users u LEFT JOIN tenants t ON t.id = u.tenant_id WHERE u.id = $1`,
        [owner.userId],
      );
      const row = rows[0];
      return row ? { secretCiphertext: row.secret, enabled: row.enabled, lastStep: row.last_step === null ? null : Number(row.last_step), required: row.required === true } : null;
    });
  }

  /** Starts (or restarts) an enrolment with a new secret; false when MFA is already on. */
  async savePendingSecret(owner: SessionOwner, ciphertext: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await inOwnerScope(this.scope, owner, 'operator MFA enrolment', (tx) =>
      tx.query(`UPDATE users SET mfa_secret_ciphertext = $2, mfa_last_step = NULL WHERE id = $1 AND mfa_enabled_at IS NULL`, [owner.userId, ciphertext]),
    );
    return affected > 0;
  }

  /** Turns MFA on with the step of the code that proved the secret, replacing any recovery codes; false when it was on already. */
  activate(owner: SessionOwner, step: number, recoveryCodeHashes: readonly string[]): Promise<boolean> {
    return inOwnerScope(this.scope, owner, 'operator MFA activation', async (tx) => {
      const [, affected]: [unknown, number] = await tx.query(
        `UPDATE users SET mfa_enabled_at = now(), mfa_last_step = $2 WHERE id = $1 AND mfa_enabled_at IS NULL AND mfa_secret_ciphertext IS NOT NULL`,
        [owner.userId, step],
      );
      if (affected === 0) return false;
      await tx.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [owner.userId]);
      for (const hash of recoveryCodeHashes) {
        await tx.query(`INSERT INTO mfa_recovery_codes (id, user_id, tenant_id, code_hash) VALUES ($1, $2, $3, $4)`, [randomUUID(), owner.userId, owner.tenantId, hash]);
      }
      return true;
    });
  }

  /** Records a code's step as used; false when that step (or a later one) was used already, so a code works once. */
  async acceptStep(owner: SessionOwner, step: number): Promise<boolean> {
    const [, affected]: [unknown, number] = await inOwnerScope(this.scope, owner, 'operator MFA code', (tx) =>
      tx.query(`UPDATE users SET mfa_last_step = $2 WHERE id = $1 AND mfa_enabled_at IS NOT NULL AND (mfa_last_step IS NULL OR mfa_last_step < $2)`, [owner.userId, step]),
    );
    return affected > 0;
  }

  /** Uses up a recovery code; false when it is not one of the user's unused codes. */
  async useRecoveryCode(owner: SessionOwner, codeHash: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await inOwnerScope(this.scope, owner, 'operator MFA recovery code', (tx) =>
      tx.query(`UPDATE mfa_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`, [owner.userId, codeHash]),
    );
    return affected > 0;
  }

  unusedRecoveryCodes(owner: SessionOwner): Promise<number> {
    return inOwnerScope(this.scope, owner, 'operator MFA recovery codes', async (tx) => {
      const rows: Array<{ n: number }> = await tx.query(`SELECT count(*)::int AS n FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NULL`, [owner.userId]);
      return rows[0]!.n;
    });
  }

  disable(owner: SessionOwner): Promise<void> {
    return inOwnerScope(this.scope, owner, 'operator MFA removal', async (tx) => {
      await tx.query(`UPDATE users SET mfa_secret_ciphertext = NULL, mfa_enabled_at = NULL, mfa_last_step = NULL WHERE id = $1`, [owner.userId]);
      await tx.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [owner.userId]);
    });
  }

  /** An operator's policy for a tenant; false when there is no such tenant. */
  async setRequired(tenantId: string, required: boolean): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.scope.forTenant(tenantId, (tx) => tx.query(`UPDATE tenants SET mfa_required = $2, updated_at = now() WHERE id = $1`, [tenantId, required]));
    return affected > 0;
  }
}
