import { loadLayouts, recognizeLayout, type CanonicalSchema } from '@ade/healthcare';
import { mapColumns } from '../file-layout';

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
  const { mapping, derived, notApplicable } = mapColumns(bronzeColumns, schema, layout);
  const derivedByName = new Map(derived.map((d) => [d.name, d]));
  return {
    columns: mapping.mapped.map((m) => ({ canonical: m.canonical, sourceSql: derivedByName.get(m.source)?.sql(column) ?? column(m.source) })),
    recognized: layout && { id: layout.id, name: layout.name },
    notApplicable,
  };
}
