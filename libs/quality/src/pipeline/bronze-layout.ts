import { loadLayouts, mapHeaders, mapLayout, recognizeLayout, type CanonicalSchema } from '@ade/healthcare';

export interface BronzeLayout {
  /** Each canonical column found, with the SQL that reads it from a bronze row. */
  columns: Array<{ canonical: string; sourceSql: string }>;
  /** The public layout the landed files were recognised as, recorded in the run's quality report. */
  recognized: { id: string; name: string } | null;
  notApplicable: ReadonlySet<string>;
}

/**
 * How bronze's columns (the landed files' own headers) map onto the pipeline's schema: as a known
 * public layout of the pipeline's data type when the headers identify one, else by names and
 * synonyms. `column(header)` is the SQL reference to one bronze column.
 */
export function bronzeLayout(bronzeColumns: readonly string[], schema: CanonicalSchema, column: (header: string) => string): BronzeLayout {
  const layout = recognizeLayout(
    bronzeColumns,
    loadLayouts().filter((candidate) => candidate.dataType === schema.dataType),
  );
  if (!layout) {
    const mapping = mapHeaders(bronzeColumns, schema);
    return { columns: mapping.mapped.map((m) => ({ canonical: m.canonical, sourceSql: column(m.source) })), recognized: null, notApplicable: new Set() };
  }
  const { mapped, derived } = mapLayout(bronzeColumns, layout.columns, schema);
  const derivedByName = new Map(derived.map((d) => [d.name, d]));
  return {
    columns: mapped.map((m) => ({ canonical: m.canonical, sourceSql: derivedByName.get(m.source)?.sql(column) ?? column(m.source) })),
    recognized: { id: layout.id, name: layout.name },
    notApplicable: new Set(Object.keys(layout.notApplicable)),
  };
}
