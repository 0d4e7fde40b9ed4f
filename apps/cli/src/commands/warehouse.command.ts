import { WarehousesApi, type WarehouseInfo } from '@ade/databricks';
import { UsageError } from '../cli-io';
import { parse, type Command } from '../command';
import { withWorkspace } from '../databricks-workspace';
import { emit, table } from '../output';

const listUsage = 'ade warehouse list [--json]';
const autoStopUsage = 'ade warehouse auto-stop ID MINUTES [--json]';

export const warehouseListCommand: Command = {
  path: ['warehouse', 'list'],
  usage: listUsage,
  summary: "List the workspace's SQL warehouses with their auto-stop, flagging those that never stop",
  async run(argv, io) {
    const { values } = parse(argv, { json: { type: 'boolean', default: false } }, listUsage);
    const warehouses = await withWorkspace(io, (client) => new WarehousesApi(client).list());
    const report = warehouses.map((w) => ({ id: w.id, name: w.name, state: w.state ?? null, size: w.cluster_size ?? null, autoStopMinutes: w.auto_stop_mins ?? 0, neverStops: (w.auto_stop_mins ?? 0) === 0 }));
    emit(io, values.json, report, () => warehouseTable(warehouses));
    return 0;
  },
};

export const warehouseAutoStopCommand: Command = {
  path: ['warehouse', 'auto-stop'],
  usage: autoStopUsage,
  summary: 'Set how many idle minutes a SQL warehouse waits before it stops',
  async run(argv, io) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean', default: false } }, autoStopUsage);
    if (positionals.length !== 2) throw new UsageError(`expected a warehouse ID and MINUTES\nusage: ${autoStopUsage}`);
    const [id, text] = positionals as [string, string];
    if (!/^[0-9]{1,5}$/.test(text)) throw new UsageError(`MINUTES must be a whole number (0 never stops)\nusage: ${autoStopUsage}`);
    const minutes = Number(text);
    await withWorkspace(io, (client) => new WarehousesApi(client).setAutoStop(id, minutes));
    emit(io, values.json, { id, autoStopMinutes: minutes }, () => [minutes === 0 ? `Warehouse ${id} now never stops on its own` : `Warehouse ${id} now stops after ${minutes} idle minutes`]);
    return 0;
  },
};

function warehouseTable(warehouses: readonly WarehouseInfo[]): string[] {
  if (warehouses.length === 0) return ['No SQL warehouses'];
  const rows = warehouses.map((w) => [w.id, w.name, w.state ?? '-', w.cluster_size ?? '-', (w.auto_stop_mins ?? 0) === 0 ? 'never (bills while idle)' : `${w.auto_stop_mins} min`]);
  return table([['ID', 'NAME', 'STATE', 'SIZE', 'AUTO-STOP'], ...rows]);
}
