import type { CliIo } from '../cli-io';
import { commonOptions, parse, requireOne, type Command } from '../command';
import { emit } from '../output';
import { authenticatedClient } from '../session';
import { findConnectorByName } from './connector.command';
import type { PipelineSummary } from './pipeline-lookup';

const usage =
  'ade pipeline create NAME --source-path PATH --target-table CATALOG.SCHEMA.TABLE [--schedule CRON] ' +
  '[--connector NAME] [--data-type TYPE] [--format csv|ndjson|parquet|x12] [--delimiter C] [--state XX] ' +
  '[--schema-evolution addNewColumns|rescue|failOnNewColumns|none] [--api-url URL] [--json]';

export const pipelineCreateCommand: Command = {
  path: ['pipeline', 'create'],
  usage,
  summary: 'Define a pipeline from a source path (in your landing zone or a connector) to a table in your catalog',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(
      argv,
      {
        ...commonOptions,
        'source-path': { type: 'string' },
        'target-table': { type: 'string' },
        schedule: { type: 'string' },
        'data-type': { type: 'string', default: 'professional_claims' },
        format: { type: 'string', default: 'csv' },
        delimiter: { type: 'string' },
        state: { type: 'string' },
        'schema-evolution': { type: 'string' },
        connector: { type: 'string' },
      },
      usage,
    );
    const name = requireOne(positionals, 'pipeline NAME', usage);
    const options = {
      ...(values.delimiter !== undefined ? { delimiter: values.delimiter } : {}),
      ...(values.state !== undefined ? { state: values.state } : {}),
      ...(values['schema-evolution'] !== undefined ? { schemaEvolution: values['schema-evolution'] } : {}),
    };
    // Missing required flags are sent as absent so the API names them, exactly as for any client.
    const client = await authenticatedClient(io, values['api-url']);
    const connector = values.connector === undefined ? undefined : await findConnectorByName(client, values.connector);
    const pipeline = await client.post<PipelineSummary>('/v1/pipelines', {
      ...(connector && { connectorId: connector.id }),
      name,
      dataType: values['data-type'],
      sourcePath: values['source-path'],
      sourceFormat: values.format,
      targetTable: values['target-table'],
      schedule: values.schedule ?? null,
      options,
    });
    emit(io, values.json, pipeline, () => [
      `Created pipeline ${pipeline.name} (${pipeline.id})`,
      `  ${connector ? `${connector.name}:` : ''}${pipeline.sourcePath} [${pipeline.sourceFormat}] -> ${pipeline.targetTable}${pipeline.schedule ? `, schedule "${pipeline.schedule}" UTC` : ''}`,
    ]);
    return 0;
  },
};
