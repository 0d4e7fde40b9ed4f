import { z } from 'zod';

const tableName = z.string().min(1).max(200);
const days = z.coerce.number().int().min(1).max(365).default(30);
const limit = z.coerce.number().int().min(1).max(500).default(100);

export const trendsQuerySchema = z.object({ table: tableName, days }).strict();
export type TrendsQuery = z.infer<typeof trendsQuerySchema>;

export const anomaliesQuerySchema = z.object({ table: tableName.optional(), days, limit }).strict();
export type AnomaliesQuery = z.infer<typeof anomaliesQuerySchema>;

export const alertsQuerySchema = z.object({ limit }).strict();
export type AlertsQuery = z.infer<typeof alertsQuerySchema>;

export const pipelineQualityQuerySchema = z.object({ limit }).strict();
export type PipelineQualityQuery = z.infer<typeof pipelineQualityQuerySchema>;
