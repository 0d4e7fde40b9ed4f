import { CliError, type CliIo } from '../cli-io';
import { commonOptions, parse, positiveSeconds, waitFor, type Command } from '../command';
import { emit } from '../output';
import { authenticatedClient } from '../session';

const usage = 'ade catalog init [--no-wait] [--timeout SECONDS] [--api-url URL] [--json]';

interface Catalog {
  name: string;
  status: 'provisioning' | 'ready' | 'failed';
  error: string | null;
}

export const catalogInitCommand: Command = {
  path: ['catalog', 'init'],
  usage,
  summary: "Create (or repair) your tenant's catalog and wait until it is ready",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parse(argv, { ...commonOptions, 'no-wait': { type: 'boolean', default: false }, timeout: { type: 'string' } }, usage);
    const client = await authenticatedClient(io, values['api-url']);
    let catalog = await client.post<Catalog>('/v1/catalog/init');
    if (!values['no-wait']) {
      catalog = await waitFor(io, () => client.get<Catalog>('/v1/catalog'), (c) => c.status !== 'provisioning', positiveSeconds(values.timeout, 'timeout', 60), 'the catalog');
    }
    if (catalog.status === 'failed') throw new CliError(`catalog ${catalog.name} could not be provisioned: ${catalog.error ?? 'unknown reason'}`);
    emit(io, values.json, catalog, () => [`Catalog ${catalog.name} is ${catalog.status} (schemas bronze, silver, gold, _system)`]);
    return 0;
  },
};
