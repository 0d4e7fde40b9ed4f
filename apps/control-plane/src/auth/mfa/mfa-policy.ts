import type { MfaState } from './mfa.repository';

/** Whether a password user must enrol before doing anything else: their tenant requires a second factor and they have none. */
export function enrollmentPending(state: MfaState | null): boolean {
  return state !== null && state.required && !state.enabled;
}
