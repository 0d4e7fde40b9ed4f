import type { DataType, TabularFormat } from '@ade/contracts';
import { canonicalSchema, Icd10CmLookupJoins, loadStatePack, todayIsoDate, type CanonicalSchema, type HeaderMapping, type MappingFile, type SqlRenderContext, type StatePack } from '@ade/healthcare';
import { planChecks } from './check-plan';
import { claimRouting, routedCheck, unroutedCheck, type ClaimRouting } from './claim-routes';
import { claimDateHook } from './parsed-dates';
import { DUPLICATE_RULE_ID, DUPLICATE_ROWS_TABLE, duplicateCheck } from './duplicate-check';
import { countsSql, LINE_COLUMN, RESULTS_TABLE, resultsTableSql, ROW_COLUMN, violationsSql, type SqlCheck } from './sql/check-sql';
import { fileLayout, type FileLayout } from './file-layout';
import { profileColumns } from './column-profiles';
import { describeSource, prepareSourceTable, SOURCE_TABLE, sourceColumnSql, withDerivedColumns, withLines, type SourceDescription } from './source-table';
import { ValidationEngine, type ValidationEngineOptions } from './validation-engine';
import type { ValidationReport, Violation } from './validation-report';

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

interface CheckSet {
  checks: SqlCheck[];
  columnsRead: string[];
  dateColumns: string[];
  /** Statements that must run after the source is prepared and before the checks (lookups, duplicates). */
  prepareSql: string[];
  missingRequired: string[];
}

/**
 * Validates a whole file with the healthcare rules for its data type in one vectorized SQL pass
 * on embedded DuckDB: the same renderings the pipelines run, with no server involved.
 */
export async function validateFile(request: ValidateFileRequest): Promise<ValidationReport> {
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
    const baseContext: SqlRenderContext = { dialect: 'duckdb', asOf, statePack: pack, ref: engine.ref };
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

/** The schema's rule bindings over this file's columns, plus the data-set duplicate check. */
function buildChecks(
  type: DataType,
  schema: CanonicalSchema,
  mapping: HeaderMapping,
  pack: StatePack,
  leftOut: Pick<FileLayout, 'notApplicable' | 'notCarried'>,
  baseContext: SqlRenderContext,
  lookups = new Icd10CmLookupJoins(),
): CheckSet {
  const plan = planChecks(type, schema, mapping, pack, leftOut.notApplicable, leftOut.notCarried);
  const sourceOf = new Map(mapping.mapped.map((m) => [m.canonical, m.source]));
  const read = new Set(plan.columnsRead);
  const dateColumns = schema.columns
    .filter((column) => column.type === 'date')
    .map((column) => sourceOf.get(column.name))
    .filter((source): source is string => source !== undefined && read.has(source));
  const context: SqlRenderContext = { ...baseContext, claimDate: claimDateHook(dateColumns, sourceColumnSql) };
  const rendered = plan.checks.map((planned) => ({ planned, ...lookups.render(context, (joined) => planned.rule.sql(planned.inputs, joined)) }));
  const checks: SqlCheck[] = rendered.map(({ planned, result: passSql, joins }) => ({
    no: planned.no,
    ruleId: planned.rule.id,
    severity: planned.rule.severity,
    message: planned.rule.message,
    column: planned.column,
    passSql,
    joins,
  }));
  const lookupSql = [...new Set(rendered.flatMap((rendering) => rendering.prepareSql))];
  const keySources = schema.businessKey.map((column) => sourceOf.get(column)).filter((s): s is string => s !== undefined);
  if (schema.businessKey.length === 0 || keySources.length !== schema.businessKey.length) {
    return { checks, columnsRead: plan.columnsRead, dateColumns, prepareSql: lookupSql, missingRequired: plan.missingRequired };
  }
  const duplicates = duplicateCheck(checks.length + 1, keySources);
  return {
    checks: [...checks, duplicates.check],
    columnsRead: [...new Set([...plan.columnsRead, ...keySources])],
    dateColumns,
    prepareSql: [...lookupSql, duplicates.prepareSql],
    missingRequired: plan.missingRequired,
  };
}

/**
 * Each route's checks over the lines of its claim type, numbered one after another, then the
 * check that no line falls outside every route. Both claim forms key a line alike, so one
 * duplicate check serves the file; the routes share their code lookups.
 */
function buildRoutedChecks(routing: ClaimRouting, pack: StatePack, baseContext: SqlRenderContext): CheckSet {
  const none = { notApplicable: new Set<string>(), notCarried: new Set<string>() };
  const lookups = new Icd10CmLookupJoins();
  const sets = routing.routes.map((route) => ({ route, set: buildChecks(route.type, canonicalSchema(route.type), route.mapping, pack, none, baseContext, lookups) }));
  const checks: SqlCheck[] = [];
  for (const [index, { route, set }] of sets.entries()) {
    for (const check of set.checks) {
      if (check.ruleId === DUPLICATE_RULE_ID) {
        if (index === 0) checks.push({ ...check, no: checks.length + 1 });
      } else {
        checks.push(routedCheck({ ...check, no: checks.length + 1 }, routing.column, route.claimType));
      }
    }
  }
  checks.push(unroutedCheck(checks.length + 1, routing.column));
  const unique = (lists: string[][]) => [...new Set(lists.flat())];
  return {
    checks,
    columnsRead: unique([...sets.map(({ set }) => set.columnsRead), [routing.column]]),
    dateColumns: unique(sets.map(({ set }) => set.dateColumns)),
    // The duplicate rows are found once, by the first route's statement.
    prepareSql: unique(sets.map(({ set }, index) => (index === 0 ? set.prepareSql : set.prepareSql.filter((sql) => !sql.includes(DUPLICATE_ROWS_TABLE))))),
    missingRequired: unique(sets.map(({ set }) => set.missingRequired)),
  };
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
