import type { CliIo } from '../cli-io';
import { commonOptions, parse, type Command } from '../command';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';
import type { PipelineSummary } from './pipeline-lookup';

const usage = 'ade pipeline list [--api-url URL] [--json]';

export const pipelineListCommand: Command = {
  path: ['pipeline', 'list'],
  usage,
  summary: "List your tenant's pipelines",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parse(argv, commonOptions, usage);
    const client = await authenticatedClient(io, values['api-url']);
    const { items } = await client.get<{ items: PipelineSummary[] }>('/v1/pipelines');
    emit(io, values.json, items, () =>
      items.length === 0
        ? ['No pipelines yet; create one with `ade pipeline create`']
        : table([
            ['NAME', 'TYPE', 'SOURCE', 'TARGET', 'SCHEDULE'],
            ...items.map((p) => [p.name, p.dataType, p.sourcePath, p.targetTable, p.schedule ?? '-']),
          ]),
    );
    return 0;
  },
};
