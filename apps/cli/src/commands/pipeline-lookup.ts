import type { ApiClient } from '../api-client';
import { CliError } from '../cli-io';

export interface PipelineSummary {
  id: string;
  name: string;
  dataType: string;
  sourcePath: string;
  sourceFormat: string;
  targetTable: string;
  schedule: string | null;
}

export async function findPipelineByName(client: ApiClient, name: string): Promise<PipelineSummary> {
  const { items } = await client.get<{ items: PipelineSummary[] }>(`/v1/pipelines?name=${encodeURIComponent(name)}`);
  const pipeline = items[0];
  if (!pipeline) throw new CliError(`no pipeline named '${name}'; see \`ade pipeline list\``);
  return pipeline;
}
