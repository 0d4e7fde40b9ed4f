import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../../common/app-error';
import type { AuthUser } from '../auth-user';

const OPEN_DURING_ENROLLMENT = 'ade:open-during-mfa-enrollment';

/** Marks a route a session that still has to enrol a second factor may use (enrolment itself, who am I, logout). */
export const OpenDuringMfaEnrollment = () => SetMetadata(OPEN_DURING_ENROLLMENT, true);

/**
 * When a tenant requires MFA, a password user who has not enrolled gets a session that can only
 * enrol (its access tokens carry `mfa: 'enroll'`); every other route answers 403
 * `mfa_enrollment_required`, naming what to do.
 */
@Injectable()
export class MfaEnrollmentGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user?.mfaEnrollmentPending) return true;
    if (this.reflector.getAllAndOverride<boolean>(OPEN_DURING_ENROLLMENT, [context.getHandler(), context.getClass()])) return true;
    throw new AppError('mfa_enrollment_required', 'your tenant requires multi-factor authentication: enrol with POST /v1/auth/mfa/enroll and /v1/auth/mfa/activate (ade mfa enroll), then sign in again');
  }
}
