import { z } from 'zod';
import { httpUrlProblem } from '../../common/outbound-target';

export const setWebhookSchema = z
  .object({
    url: z
      .string()
      .max(2048)
      .superRefine((url, ctx) => {
        const problem = httpUrlProblem(url);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  })
  .strict();
export type SetWebhookDto = z.infer<typeof setWebhookSchema>;

export const listDeliveriesQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuerySchema>;
