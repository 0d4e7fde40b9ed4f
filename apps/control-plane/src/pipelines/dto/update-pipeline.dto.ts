import { z } from 'zod';
import { cronExpression, DATA_TYPES, pipelineOptionsSchema, qualitySettingsSchema, SOURCE_FORMATS, sourcePath } from '@ade/contracts';
import { connectorId, pipelineName, targetTable } from './pipeline-fields';

export const updatePipelineSchema = z
  .object({
    name: pipelineName,
    dataType: z.enum(DATA_TYPES),
    sourcePath,
    sourceFormat: z.enum(SOURCE_FORMATS),
    targetTable,
    schedule: cronExpression.nullable(),
    options: pipelineOptionsSchema,
    quality: qualitySettingsSchema,
    connectorId,
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'must change at least one field');
export type UpdatePipelineDto = z.infer<typeof updatePipelineSchema>;
