import { z } from 'zod';
import { MEDALLION_SCHEMAS, parseTableName } from '@ade/contracts';
import { resourceIdSchema } from '../../common/resource-id';

export const pipelineName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1-64 lower-case letters, digits, dashes or underscores, starting with a letter or digit');

export const targetTable = z.string().superRefine((value, ctx) => {
  const ref = parseTableName(value);
  if (!ref) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be catalog.schema.table, each part lower-case letters, digits and underscores',
    });
    return;
  }
  if (!(MEDALLION_SCHEMAS as readonly string[]).includes(ref.schema)) {
    ctx.addIssue({ code: 'custom', message: `schema must be one of ${MEDALLION_SCHEMAS.join(', ')}` });
  }
});

/** The tenant's connector the files come from (its id), or null for the landing zone. */
export const connectorId = resourceIdSchema.nullable();
