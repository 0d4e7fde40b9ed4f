import { z } from 'zod';

/** A second-factor code: six digits from the authenticator app, or a recovery code (xxxx-xxxx-xxxx). */
export const mfaCodeSchema = z.object({ code: z.string().min(6).max(32) }).strict();
export type MfaCodeDto = z.infer<typeof mfaCodeSchema>;

export const mfaPolicySchema = z.object({ required: z.boolean() }).strict();
export type MfaPolicyDto = z.infer<typeof mfaPolicySchema>;
