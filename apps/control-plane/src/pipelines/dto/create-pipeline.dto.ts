import { z } from 'zod';
import { cronExpression, DATA_TYPES, pipelineOptionsSchema, qualitySettingsSchema, SOURCE_FORMATS, sourcePath } from '@ade/contracts';
import { connectorId, pipelineName, targetTable } from './pipeline-fields';

export const createPipelineSchema = z
  .object({
    name: pipelineName,
    dataType: z.enum(DATA_TYPES),
    sourcePath,
    sourceFormat: z.enum(SOURCE_FORMATS).default('csv'),
    targetTable,
    schedule: cronExpression.nullable().default(null),
    options: pipelineOptionsSchema.default({}),
    quality: qualitySettingsSchema.default({ expectations: [] }),
    connectorId: connectorId.default(null),
  })
  .strict();
export type CreatePipelineDto = z.infer<typeof createPipelineSchema>;

export const listPipelinesQuerySchema = z.object({ name: pipelineName.optional() }).strict();
export type ListPipelinesQuery = z.infer<typeof listPipelinesQuerySchema>;
