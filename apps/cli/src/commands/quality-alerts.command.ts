import { UsageError, type CliIo } from '../cli-io';
import { commonOptions, parse, requireOne, type Command } from '../command';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';
import { describeThresholds, type Thresholds } from './quality-thresholds';

const usage = 'ade quality alerts TABLE [--min-quality 0..1|off] [--max-drop 0..1|off] [--max-anomaly SCORE|off] [--api-url URL] [--json]';

interface Alert {
  id: string;
  runId: string;
  kind: string;
  detail: Record<string, number>;
  createdAt: string;
  delivery: {
    status: 'pending' | 'delivered' | 'failed';
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    nextAttemptAt: string | null;
  } | null;
}

export const qualityAlertsCommand: Command = {
  path: ['quality', 'alerts'],
  usage,
  summary: "Set a table's alert thresholds, or show them with its recent alerts and their webhook delivery",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, 'min-quality': { type: 'string' }, 'max-drop': { type: 'string' }, 'max-anomaly': { type: 'string' } }, usage);
    const name = requireOne(positionals, 'TABLE', usage);
    const minQuality = threshold(values['min-quality'], '--min-quality');
    const maxDrop = threshold(values['max-drop'], '--max-drop');
    const maxAnomaly = threshold(values['max-anomaly'], '--max-anomaly');
    const client = await authenticatedClient(io, values['api-url']);
    const path = `/v1/quality/alerts/${encodeURIComponent(name)}`;
    if (minQuality !== undefined || maxDrop !== undefined || maxAnomaly !== undefined) {
      // Only the flags given are sent: the other thresholds stay as they are.
      const thresholds = await client.put<Thresholds>(path, {
        ...(minQuality !== undefined ? { minQuality } : {}),
        ...(maxDrop !== undefined ? { maxDrop } : {}),
        ...(maxAnomaly !== undefined ? { maxAnomaly } : {}),
      });
      emit(io, values.json, thresholds, () => [describeThresholds(thresholds)]);
      return 0;
    }
    const alerts = await client.get<{ thresholds: Thresholds; items: Alert[] }>(path);
    emit(io, values.json, alerts, () => [
      describeThresholds(alerts.thresholds),
      ...(alerts.items.length === 0
        ? ['No alerts raised.']
        : [
            '',
            ...table([
              ['CREATED', 'RUN', 'KIND', 'DETAIL', 'DELIVERY'],
              ...alerts.items.map((a) => [a.createdAt, a.runId.slice(0, 8), a.kind, describeDetail(a.detail), describeDelivery(a.delivery)]),
            ]),
          ]),
    ]);
    return 0;
  },
};

/** A number, or `off` (null) to clear the threshold; the API checks the range. */
function threshold(value: string | undefined, flag: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'off') return null;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`${flag} must be a number or 'off'`);
  return parsed;
}

function describeDetail(detail: Record<string, number>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
}

function describeDelivery(delivery: Alert['delivery']): string {
  if (!delivery) return 'no webhook';
  const attempts = `${delivery.attempts} attempt(s)`;
  const last = delivery.lastStatusCode !== null ? `, HTTP ${delivery.lastStatusCode}` : delivery.lastError ? `, ${delivery.lastError}` : '';
  if (delivery.status === 'pending') return `pending (${attempts}${last}${delivery.nextAttemptAt ? `, next ${delivery.nextAttemptAt}` : ''})`;
  return `${delivery.status} (${attempts}${last})`;
}
