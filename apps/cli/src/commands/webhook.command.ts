import { UsageError, type CliIo } from '../cli-io';
import { commonOptions, parse, requireOne, type Command } from '../command';
import { emit } from '../output';
import { authenticatedClient } from '../session';

interface Webhook {
  url: string;
  /** The whole secret, only in the answer that generated it. */
  secret: string | null;
  secretMasked: string | null;
  updatedAt: string;
}

function describe(webhook: Webhook): string[] {
  if (!webhook.secret) return [`Webhook         ${webhook.url}`, `Signing secret  ${webhook.secretMasked ?? 'none: rotate it (POST /v1/webhook/rotate-secret)'}`];
  return [
    `Webhook         ${webhook.url}`,
    `Signing secret  ${webhook.secret}`,
    '  (shown this once: store it now; receivers check the X-ADE-Signature header with it)',
  ];
}

const setUsage = 'ade webhook set URL [--api-url URL] [--json]';

export const webhookSetCommand: Command = {
  path: ['webhook', 'set'],
  usage: setUsage,
  summary: "Send your tenant's quality alerts to this URL (prints the signing secret the first time)",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, commonOptions, setUsage);
    const url = requireOne(positionals, 'URL', setUsage);
    const client = await authenticatedClient(io, values['api-url']);
    const webhook = await client.put<Webhook>('/v1/webhook', { url });
    emit(io, values.json, webhook, () => describe(webhook));
    return 0;
  },
};

const showUsage = 'ade webhook show [--api-url URL] [--json]';

export const webhookShowCommand: Command = {
  path: ['webhook', 'show'],
  usage: showUsage,
  summary: "Show where your tenant's alerts are sent",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, commonOptions, showUsage);
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\nusage: ${showUsage}`);
    const client = await authenticatedClient(io, values['api-url']);
    const webhook = await client.get<Webhook>('/v1/webhook');
    emit(io, values.json, webhook, () => describe(webhook));
    return 0;
  },
};
