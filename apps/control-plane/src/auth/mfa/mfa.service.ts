import { Injectable } from '@nestjs/common';
import { AppError, ConflictError, InvalidFieldError, NotFoundError } from '../../common/app-error';
import { SecretBox } from '../../secrets/secret-box';
import { UsersRepository } from '../../users/users.repository';
import type { AuthUser } from '../auth-user';
import type { SessionOwner } from '../session-owner';
import { MfaRepository, type MfaState } from './mfa.repository';
import { generateRecoveryCodes, hashRecoveryCode, looksLikeRecoveryCode } from './recovery-codes';
import { generateTotpSecret, matchingTotpStep, otpauthUri } from './totp';

/** How the secret is named in authenticator apps. */
const TOTP_ISSUER = 'ADE';

const ownerOf = (caller: AuthUser): SessionOwner => ({ userId: caller.userId, tenantId: caller.tenantId });

/**
 * Time-based one-time passwords (RFC 6238) as the second factor of password sign-ins: enrolment
 * (a secret, proven by a first code, then ten single-use recovery codes shown once), the check at
 * login, and turning it off with a code. The secret is stored encrypted under SECRETS_KEYS, the
 * recovery codes as SHA-256 only.
 */
@Injectable()
export class MfaService {
  constructor(
    private readonly repository: MfaRepository,
    private readonly box: SecretBox,
    private readonly users: UsersRepository,
  ) {}

  async enroll(caller: AuthUser): Promise<{ secret: string; otpauthUri: string }> {
    assertPasswordSession(caller);
    const user = await this.users.findById(caller.tenantId, caller.userId);
    if (!user) throw new NotFoundError('user');
    const secret = generateTotpSecret();
    if (!(await this.repository.savePendingSecret(ownerOf(caller), this.box.encrypt(secret)))) {
      throw new ConflictError('multi-factor authentication is already on; turn it off first (DELETE /v1/auth/mfa with a code)');
    }
    return { secret, otpauthUri: otpauthUri(TOTP_ISSUER, user.email, secret) };
  }

  async activate(caller: AuthUser, code: string): Promise<{ recoveryCodes: string[] }> {
    assertPasswordSession(caller);
    const state = await this.repository.state(ownerOf(caller));
    if (state?.enabled) throw new ConflictError('multi-factor authentication is already on');
    if (!state?.secretCiphertext) throw new ConflictError('no enrolment is in progress; start with POST /v1/auth/mfa/enroll');
    const step = matchingTotpStep(this.box.decrypt(state.secretCiphertext), code, Date.now(), null);
    if (step === null) throw new InvalidFieldError('code', 'is not the current code of the authenticator app enrolled with this secret');
    const recoveryCodes = generateRecoveryCodes();
    if (!(await this.repository.activate(ownerOf(caller), step, recoveryCodes.map(hashRecoveryCode)))) throw new ConflictError('multi-factor authentication is already on');
    return { recoveryCodes };
  }

  async disable(caller: AuthUser, code: string): Promise<void> {
    assertPasswordSession(caller);
    const owner = ownerOf(caller);
    const state = await this.repository.state(owner);
    if (!state?.enabled) throw new ConflictError('multi-factor authentication is not on');
    if (!(await this.secondFactorHolds(owner, state, code))) throw new InvalidFieldError('code', 'is not a current code or an unused recovery code');
    await this.repository.disable(owner);
  }

  async status(caller: AuthUser): Promise<{ enabled: boolean; required: boolean; recoveryCodesLeft: number }> {
    const owner = ownerOf(caller);
    const state = await this.repository.state(owner);
    if (!state) throw new NotFoundError('user');
    return { enabled: state.enabled, required: state.required, recoveryCodesLeft: state.enabled ? await this.repository.unusedRecoveryCodes(owner) : 0 };
  }

  /** An operator's policy: whether the tenant's password users must use a second factor. */
  async setRequired(tenantId: string, required: boolean): Promise<{ tenantId: string; mfaRequired: boolean }> {
    if (!(await this.repository.setRequired(tenantId, required))) throw new NotFoundError('tenant');
    return { tenantId, mfaRequired: required };
  }

  state(owner: SessionOwner): Promise<MfaState | null> {
    return this.repository.state(owner);
  }

  /** A current TOTP code (each step once) or an unused recovery code (used up by this). */
  async secondFactorHolds(owner: SessionOwner, state: MfaState, code: string): Promise<boolean> {
    if (!state.enabled || !state.secretCiphertext) return false;
    if (looksLikeRecoveryCode(code)) return this.repository.useRecoveryCode(owner, hashRecoveryCode(code));
    const step = matchingTotpStep(this.box.decrypt(state.secretCiphertext), code.trim(), Date.now(), state.lastStep);
    return step !== null && this.repository.acceptStep(owner, step);
  }
}

/** A second factor belongs to a password sign-in: API keys have none, an identity provider's users use the provider's. */
function assertPasswordSession(caller: AuthUser): void {
  if (!caller.sessionId) throw new AppError('forbidden', 'multi-factor authentication here is for password sign-ins; an identity provider enforces its own');
}
