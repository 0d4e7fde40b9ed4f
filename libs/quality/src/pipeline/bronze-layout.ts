import {
  appliedMapping,
  loadLayouts,
  looksLikeData,
  mapHeaders,
  proposeMapping,
  recognizeLayout,
  type CanonicalSchema,
  type ColumnProfile,
  type LineMapping,
  type MappingProposal,
} from '@ade/healthcare';
import type { AcceptedMapping } from '@ade/contracts';
import { claimRouting } from '../claim-routes';
import { mapColumns } from '../file-layout';
import { lineFieldSql, lineIsReadSql, perLineSql } from '../side-by-side-lines';
import { MIXED_MEDICAL_CLAIM_LAYOUT } from './claim-routing';
import { MappingNeededError } from './mapping-needed';
import { duckdbStage, type StageDialect } from '../sql/stage-dialect';

export interface BronzeLayout {
  /** Each canonical column found, with the SQL that reads it from a bronze row. */
  columns: Array<{ canonical: string; sourceSql: string }>;
  /** The public layout (or the accepted mapping) the landed files were read as, recorded in the run's quality report. */
  recognized: { id: string; name: string } | null;
  notApplicable: ReadonlySet<string>;
  /** Columns the layout says its files do not carry: not required of them. */
  notCarried: ReadonlySet<string>;
  /** When the profiler mapped the files: its proposal, every required column applied. */
  proposal: MappingProposal | null;
  /**
   * For lines written side by side (DE-SynPUF): how each bronze row is read as one row per line.
   * The columns' SQL then reads the line number from BRONZE_LINE_COLUMN (see bronzeLinesSql).
   */
  lines: LineMapping | null;
  /**
   * For a medical-claim file mixing both claim forms: bronze's claim type column, by which each
   * line goes to its form's pipeline (see claim-routing).
   */
  claimTypeColumn: string | null;
}

/** The line number of a bronze row read as lines side by side; NULL on a row read as itself. */
export const BRONZE_LINE_COLUMN = '__bronze_line';

export interface BronzeLayoutOptions {
  /** The engine's spelling of the layout's SQL; DuckDB's by default. */
  stage?: StageDialect;
  /** The newest mapping a person accepted for the pipeline: used before anything else. */
  mapping?: AcceptedMapping;
  /** Profiles the run's bronze rows; called only for files that names and synonyms do not fully map. */
  profile: () => Promise<ReadonlyMap<string, ColumnProfile>>;
}

/**
 * How bronze's columns (the landed files' own headers) map onto the pipeline's schema: by the
 * mapping a person accepted, as a known public layout of the pipeline's data type, by names and
 * synonyms when those map every column, or else by the profiler. When the profiler is unsure of
 * a required column, the run stops with its proposal (MappingNeededError).
 * `column(header)` is the SQL reference to one bronze column.
 */
export async function bronzeLayout(
  bronzeColumns: readonly string[],
  schema: CanonicalSchema,
  column: (header: string) => string,
  options: BronzeLayoutOptions,
): Promise<BronzeLayout> {
  if (options.mapping) {
    const { mapping } = options;
    const { mapping: mapped, notApplicable, notCarried } = mapColumns(bronzeColumns, schema, { columns: mapping.columns, notApplicable: {}, notCarried: {} });
    if (mapped.missingRequired.length > 0) stopIfUnsure(proposeMapping(bronzeColumns, schema, await options.profile()), mapped.missingRequired);
    return {
      columns: mapped.mapped.map((m) => ({ canonical: m.canonical, sourceSql: column(m.source) })),
      recognized: { id: `accepted-mapping-v${mapping.version}`, name: `the mapping accepted for this pipeline, version ${mapping.version}` },
      notApplicable,
      notCarried,
      proposal: null,
      lines: null,
      claimTypeColumn: null,
    };
  }
  const layout = recognizeLayout(
    bronzeColumns,
    loadLayouts().filter((candidate) => candidate.dataType === schema.dataType),
  );
  const byNames = mapHeaders(bronzeColumns, schema);
  // A "header" holding numbers or dates is a first row of data: a proposal would carry its cells
  // to the control plane as column names, so such files are read by names alone.
  const headerless = bronzeColumns.some(looksLikeData);
  // A mixed medical-claim file names its columns canonically; the other form's columns are not
  // unknowns for the profiler to place.
  const routing = layout ? null : claimRouting(bronzeColumns, schema.dataType);
  if (layout || headerless || routing || (byNames.unmapped.length === 0 && byNames.missingRequired.length === 0)) {
    const { mapping, derived, lines, notApplicable, notCarried } = mapColumns(bronzeColumns, schema, layout);
    const derivedByName = new Map(derived.map((d) => [d.name, d]));
    const line = column(BRONZE_LINE_COLUMN);
    const lineColumns = new Map((lines?.columns ?? []).map((c) => [c.name, c]));
    const sourceSql = (source: string): string => {
      if (source === lines?.number) return (options.stage ?? duckdbStage).expressions.cast(line, 'TEXT');
      const lineColumn = lineColumns.get(source);
      if (lineColumn) return lineFieldSql(lineColumn, line, column);
      return derivedByName.get(source)?.sql(column) ?? column(source);
    };
    return {
      columns: mapping.mapped.map((m) => ({ canonical: m.canonical, sourceSql: sourceSql(m.source) })),
      recognized: layout ? { id: layout.id, name: layout.name } : routing && { ...MIXED_MEDICAL_CLAIM_LAYOUT },
      notApplicable,
      notCarried,
      proposal: null,
      lines,
      claimTypeColumn: routing?.column ?? null,
    };
  }
  const proposal = proposeMapping(bronzeColumns, schema, await options.profile());
  stopIfUnsure(proposal, proposal.missingRequired);
  return {
    columns: appliedMapping(proposal, bronzeColumns).mapped.map((m) => ({ canonical: m.canonical, sourceSql: column(m.source) })),
    recognized: null,
    notApplicable: new Set(),
    notCarried: new Set(),
    proposal,
    lines: null,
    claimTypeColumn: null,
  };
}

/**
 * The bronze rows as the layout reads them: as they are, or, for lines side by side, once per
 * line with any field filled (the first line always), numbered in BRONZE_LINE_COLUMN. `rowsSql`
 * selects bronze rows; `column` refers to a column of its rows as bronzeLayout was given it.
 */
export function bronzeLinesSql(rowsSql: string, layout: Pick<BronzeLayout, 'lines'>, column: (header: string) => string, stage: StageDialect = duckdbStage): string {
  if (!layout.lines) return `SELECT *, ${stage.expressions.cast('NULL', 'BIGINT')} AS ${BRONZE_LINE_COLUMN} FROM (${rowsSql}) AS bronze_rows`;
  return `SELECT * FROM (${perLineSql(rowsSql, layout.lines, BRONZE_LINE_COLUMN, stage)}) AS b WHERE ${lineIsReadSql(layout.lines, column(BRONZE_LINE_COLUMN), column, stage)}`;
}

/**
 * Stops the run when a required column the files lack has a candidate the profiler was unsure
 * of: a person must say. A required column with no candidate at all is not in the files; its
 * rows are judged (and quarantined by required.missing) as any file's would be.
 */
function stopIfUnsure(proposal: MappingProposal, missingRequired: readonly string[]): void {
  const unsure = missingRequired.filter((canonical) => proposal.columns.some((column) => column.canonical === canonical && !column.applied));
  if (unsure.length > 0) throw new MappingNeededError(proposal, unsure);
}
