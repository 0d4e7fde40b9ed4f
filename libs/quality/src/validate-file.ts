import type { DataType, TabularFormat } from '@ade/contracts';
import { canonicalSchema, duckdbExpressions, loadStatePack, todayIsoDate, type MappingFile, type SqlRenderContext, type StatePack } from '@ade/healthcare';
import { buildChecks, buildRoutedChecks, type CheckSet } from './check-set';
import { claimRouting, type ClaimRouting } from './claim-routes';
import { countsSql, LINE_COLUMN, RESULTS_TABLE, resultsTableSql, ROW_COLUMN, violationsSql } from './sql/check-sql';
import { fileLayout, type FileLayout } from './file-layout';
import { profileColumns } from './column-profiles';
import { describeSource, prepareSourceTable, SOURCE_TABLE, sourceColumnSql, withDerivedColumns, withLines, type SourceDescription } from './source-table';
import { ValidationEngine, type ValidationEngineOptions } from './validation-engine';
import type { ValidationReport, Violation } from './validation-report';
import { isX12File, validateX12File } from './validate-x12';

export interface ValidateFileRequest {
  path: string;
  /** The data type to judge the file as; when absent, the type of the public layout it is recognised as. */
  type?: DataType;
  /** The user's own mapping of the file's columns; when given, no layout is recognised. */
  mapping?: MappingFile;
  /** USPS code of the state pack; the default pack when absent. */
  state?: string;
  /** "Today" for date rules (YYYY-MM-DD); defaults to the current UTC date. */
  asOf?: string;
  format?: TabularFormat;
  delimiter?: string;
  /** How many violations to list (all are counted); default: all. */
  maxViolations?: number;
  /** The engine's memory cap and spill location (see ValidationEngineOptions). */
  engine?: ValidationEngineOptions;
}

/**
 * Validates a whole file with the healthcare rules for its data type in one vectorized SQL pass
 * on embedded DuckDB: the same renderings the pipelines run, with no server involved. An X12 837
 * file (recognised by its content unless `format` is given) is read into claim lines first.
 */
export async function validateFile(request: ValidateFileRequest): Promise<ValidationReport> {
  if (request.format === undefined && (await isX12File(request.path))) return validateX12File(request, validateFile);
  const started = Date.now();
  const pack = loadStatePack(request.state);
  const asOf = request.asOf ?? todayIsoDate();
  const engine = await ValidationEngine.open(request.engine);
  const referenceMs = Date.now() - started;
  try {
    const described = await describeSource(engine.connection, request);
    const file = await fileLayout(described.columns, request, () => profileColumns((sql) => engine.rows(sql), described, engine.ref));
    const source = withLines(withDerivedColumns(described, file.derived), file.lines);
    const schema = canonicalSchema(file.type);
    const baseContext: SqlRenderContext = { dialect: duckdbExpressions, asOf, statePack: pack, ref: engine.ref };
    const routing = file.layout === null ? claimRouting(described.columns, file.type) : null;
    const built = routing ? buildRoutedChecks(routing, pack, baseContext) : buildChecks(file.type, schema, file.mapping, pack, file, baseContext);
    // Each line's number is read, for the report, whether or not a check reads it.
    const set = file.lines ? { ...built, columnsRead: [...new Set([...built.columnsRead, file.lines.number])] } : built;
    await prepareSourceTable(engine.connection, source, set.columnsRead, set.dateColumns);
    const readMs = Date.now() - started - referenceMs;

    const checksStarted = Date.now();
    for (const statement of set.prepareSql) await engine.connection.run(statement);
    const lineRows = file.lines && { row: sourceColumnSql(source.fileRow!), line: `CAST(${sourceColumnSql(file.lines.number)} AS INTEGER)` };
    await engine.connection.run(resultsTableSql(set.checks, lineRows ?? {}));
    const [counts] = await engine.rows(countsSql(set.checks));
    const limit = request.maxViolations ?? Number.MAX_SAFE_INTEGER;
    const failing = limit > 0 && set.checks.length > 0 ? await engine.rows(violationsSql(set.checks, limit, lineRows !== null)) : [];
    const checksMs = Date.now() - checksStarted;

    return {
      ...summarize(request, source, pack, asOf, file, set, counts!, failing),
      ...(routing && { routes: await routeCounts(engine, routing) }),
      ...(file.lines && { lines: { from: file.lines.from, to: file.lines.to, fileRows: await fileRowCount(engine) } }),
      durationMs: Date.now() - started,
      timings: { referenceMs, readMs, checksMs },
    };
  } finally {
    await engine.close();
  }
}

/** How many data rows the lines read from side by side came from. */
async function fileRowCount(engine: ValidationEngine): Promise<number> {
  const [row] = await engine.rows(`SELECT count(DISTINCT ${ROW_COLUMN}) AS file_rows FROM ${RESULTS_TABLE}`);
  return Number(row!['file_rows']);
}

/** How many lines each route judged. */
async function routeCounts(engine: ValidationEngine, routing: ClaimRouting): Promise<NonNullable<ValidationReport['routes']>> {
  const key = `lower(trim(${sourceColumnSql(routing.column)}))`;
  const rows = await engine.rows(`SELECT ${key} AS claim_type, count(*) AS lines FROM ${SOURCE_TABLE} GROUP BY ALL`);
  const lines = new Map(rows.map((row) => [String(row['claim_type']), Number(row['lines'])]));
  return routing.routes.map((route) => ({ claimType: route.claimType, type: route.type, lines: lines.get(route.claimType) ?? 0 }));
}

function summarize(
  request: ValidateFileRequest,
  source: SourceDescription,
  pack: StatePack,
  asOf: string,
  file: FileLayout,
  set: CheckSet,
  counts: Record<string, unknown>,
  failing: Record<string, unknown>[],
): Omit<ValidationReport, 'durationMs' | 'timings'> {
  const rows = Number(counts['rows']);
  const invalid = Number(counts['invalid']);
  const rules: Record<string, number> = {};
  let totalViolations = 0;
  for (const check of set.checks) {
    const failures = Number(counts[`c${check.no}`]);
    rules[check.ruleId] = (rules[check.ruleId] ?? 0) + failures;
    totalViolations += failures;
  }
  const byNo = new Map(set.checks.map((check) => [check.no, check]));
  const violations: Violation[] = failing.map((row) => {
    const check = byNo.get(Number(row['check_no']))!;
    if (row[LINE_COLUMN] === undefined) return { row: Number(row['row_no']), column: check.column, rule: check.ruleId, severity: check.severity, message: check.message };
    // A line field is reported under the header of its own line (HCPCS_CD_{n} on line 3 is HCPCS_CD_3).
    const line = Number(row[LINE_COLUMN]);
    const column = file.lines?.columns.find((c) => c.name === check.column)?.slots.get(line) ?? check.column;
    return { row: Number(row['row_no']), line, column, rule: check.ruleId, severity: check.severity, message: check.message };
  });
  return {
    file: request.path,
    type: file.type,
    layout: file.layout,
    proposal: file.proposal,
    format: source.format,
    state: pack.state,
    asOf,
    rows,
    valid: rows - invalid,
    invalid,
    score: rows === 0 ? 1 : Math.round(((rows - invalid) / rows) * 10_000) / 10_000,
    rules,
    violations,
    violationsTruncated: violations.length < totalViolations,
    columns: {
      mapped: file.mapping.mapped.map(({ source: s, canonical, by }) => ({ source: s, canonical, by })),
      unmapped: file.mapping.unmapped,
      missingRequired: set.missingRequired,
    },
  };
}
