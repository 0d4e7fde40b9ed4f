import { base32Decode, totpCode, totpStep } from '../src/auth/mfa/totp';

/** The code an authenticator app holding `secret` shows now, or `stepsAhead` steps later (a code works once per step). */
export function authenticatorCode(secret: string, stepsAhead = 0): string {
  return totpCode(base32Decode(secret), totpStep(Date.now()) + stepsAhead);
}
