import type { CanonicalSchema } from '../schemas/canonical-schema';
import type { HeaderMapping } from '../mapping/header-mapping';
import { normalizeHeader } from '../mapping/normalize-header';
import { numberedHeader, type LayoutDescriptor, type LayoutLines, type LayoutSource } from './layout';
import { sqlString } from '../rules/sql/sql-text';
import { loadLayouts } from './load-layouts';

/**
 * The shipped layout a file with these headers is written in, or null. A layout is a candidate
 * when every one of its identifying headers is there (compared as normalizeHeader keys); among
 * candidates the one that finds the most of its columns wins, then the more specific
 * identification, then the id.
 */
export function recognizeLayout(headers: readonly string[], layouts: readonly LayoutDescriptor[] = loadLayouts()): LayoutDescriptor | null {
  const inFile = spellingIn(headers);
  const candidates = layouts
    .filter((layout) => layout.identifiedBy.every((header) => inFile(header) !== undefined))
    .map((layout) => ({
      layout,
      // Found as mapLayout would find it: a concatenation needs every part, a flagged column one pair.
      found:
        Object.entries(layout.columns).filter(([canonical, source]) => resolveSource(canonical, source, inFile) !== null).length +
        Object.values(layout.lines?.columns ?? {}).filter((pattern) => slotsOf(pattern, layout.lines!, inFile).size > 0).length,
    }));
  candidates.sort((a, b) => b.found - a.found || b.layout.identifiedBy.length - a.layout.identifiedBy.length || a.layout.id.localeCompare(b.layout.id));
  return candidates[0]?.layout ?? null;
}

/** The file's own spelling of a header, compared as normalizeHeader keys (the first spelling wins), or undefined. */
function spellingIn(headers: readonly string[]): (header: string) => string | undefined {
  const spelling = new Map<string, string>();
  for (const header of headers) if (!spelling.has(normalizeHeader(header))) spelling.set(normalizeHeader(header), header);
  return (header) => spelling.get(normalizeHeader(header));
}

/**
 * A canonical column computed from several of the file's columns; `name` stands for it wherever a
 * source column's name would (reports, violations), and says how it is made.
 */
export interface DerivedColumn {
  name: string;
  canonical: string;
  /** The value as SQL text over the file's columns, each reached through `column(header)`. */
  sql(column: (header: string) => string): string;
}

/** One canonical line column of lines written side by side: the file's header for each line number it has. */
export interface LineColumn {
  /** The numbered pattern (`HCPCS_CD_{n}`): it stands for the column in reports, `{n}` for the line. */
  name: string;
  canonical: string;
  slots: ReadonlyMap<number, string>;
}

/** How a file's side-by-side lines are read: one line per number, from `from` to `to`. */
export interface LineMapping {
  from: number;
  to: number;
  /** The name the line number is reported under. */
  number: string;
  columns: LineColumn[];
}

/** Stands for the line number of side-by-side lines, as `{n}` in their headers. */
export const LINE_NUMBER_COLUMN = '{n}';

export interface LayoutMapping extends HeaderMapping {
  derived: DerivedColumn[];
  lines: LineMapping | null;
}

/**
 * How a file maps onto its data type's schema by a layout's (or a user's mapping file's)
 * `columns`: each canonical column whose fields the file has, by the file's own spelling of the
 * header. Headers that feed no canonical column are reported as unmapped, never dropped; a
 * required column the layout does not carry is reported as such, not as missing.
 */
export function mapLayout(
  headers: readonly string[],
  layout: Pick<LayoutDescriptor, 'columns' | 'notCarried' | 'lines'>,
  schema: CanonicalSchema,
): LayoutMapping {
  const { columns } = layout;
  const lineColumns: LineColumn[] = [];
  const inFile = spellingIn(headers);

  const mapped: HeaderMapping['mapped'] = [];
  const derived: DerivedColumn[] = [];
  const used = new Set<string>();
  for (const column of schema.columns) {
    if (layout.lines && column.name === 'claim_line_number') {
      mapped.push({ source: LINE_NUMBER_COLUMN, canonical: column.name, by: 'layout' });
      continue;
    }
    const pattern = layout.lines?.columns[column.name];
    if (pattern !== undefined) {
      const slots = slotsOf(pattern, layout.lines!, inFile);
      if (slots.size === 0) continue;
      slots.forEach((header) => used.add(header));
      lineColumns.push({ name: pattern, canonical: column.name, slots });
      mapped.push({ source: pattern, canonical: column.name, by: 'layout' });
      continue;
    }
    const source = columns[column.name];
    if (source === undefined) continue;
    const found = resolveSource(column.name, source, inFile);
    if (found === null) continue;
    found.headers.forEach((header) => used.add(header));
    if (found.derived) derived.push(found.derived);
    mapped.push({ source: found.derived?.name ?? found.headers[0]!, canonical: column.name, by: 'layout' });
  }
  const found = new Set(mapped.map((m) => m.canonical));
  return {
    mapped,
    derived,
    lines: layout.lines ? { from: layout.lines.from, to: layout.lines.to, number: LINE_NUMBER_COLUMN, columns: lineColumns } : null,
    unmapped: headers.filter((header) => !used.has(header)),
    duplicates: [],
    missingRequired: schema.columns.filter((c) => c.required && !found.has(c.name) && !(c.name in layout.notCarried)).map((c) => c.name),
  };
}

/**
 * The file's header for each line number of a numbered pattern it has. A header without `{n}` is
 * the claim's own value: it goes on the first line only, so a claim's payment is counted once.
 */
function slotsOf(pattern: string, lines: LayoutLines, inFile: (header: string) => string | undefined): Map<number, string> {
  const slots = new Map<number, string>();
  if (!pattern.includes(LINE_NUMBER_COLUMN)) {
    const header = inFile(pattern);
    if (header !== undefined) slots.set(lines.from, header);
    return slots;
  }
  for (let n = lines.from; n <= lines.to; n += 1) {
    const header = inFile(numberedHeader(pattern, n));
    if (header !== undefined) slots.set(n, header);
  }
  return slots;
}

interface ResolvedSource {
  /** The file's headers the value is read from, as the file spells them. */
  headers: string[];
  derived?: DerivedColumn;
}

function resolveSource(canonical: string, source: LayoutSource, inFile: (header: string) => string | undefined): ResolvedSource | null {
  if (typeof source === 'string') {
    const header = inFile(source);
    return header === undefined ? null : { headers: [header] };
  }
  if ('concat' in source) {
    const parts = source.concat.map(inFile);
    if (parts.some((part) => part === undefined)) return null;
    const headers = parts as string[];
    return {
      headers,
      derived: {
        name: headers.join(' || '),
        canonical,
        // A missing part leaves the rest in place, so a short value shows the gap to the rules.
        sql: (column) => `NULLIF(concat(${headers.map((h) => `coalesce(trim(${column(h)}), '')`).join(', ')}), '')`,
      },
    };
  }
  if ('constant' in source) {
    const literal = sqlString(source.constant);
    // Stryker disable next-line ArrayDeclaration: a constant reads no header; one listed here would only hide a header of that name from the unmapped ones
    return { headers: [], derived: { name: literal, canonical, sql: () => literal } };
  }
  if ('flagged' in source) {
    const { value, flag, equals } = source.flagged;
    const valueHeader = inFile(value);
    const flagHeader = inFile(flag);
    if (valueHeader === undefined || flagHeader === undefined) return null;
    return flaggedSource(canonical, `${valueHeader} where ${flagHeader} = ${equals}`, [[valueHeader, flagHeader]], equals);
  }
  const { value, flag, equals, from, to } = source.firstFlagged;
  const pairs: Array<[string, string]> = [];
  for (let n = from; n <= to; n += 1) {
    const valueHeader = inFile(numberedHeader(value, n));
    const flagHeader = inFile(numberedHeader(flag, n));
    if (valueHeader !== undefined && flagHeader !== undefined) pairs.push([valueHeader, flagHeader]);
  }
  if (pairs.length === 0) return null;
  return flaggedSource(canonical, `${value} where ${flag} = ${equals}`, pairs, equals);
}

/** The value of the first (value, flag) pair whose flag holds `equals`, none when no flag does. */
function flaggedSource(canonical: string, name: string, pairs: ReadonlyArray<[string, string]>, equals: string): ResolvedSource {
  return {
    headers: pairs.flat(),
    derived: {
      name,
      canonical,
      sql: (column) => `CASE ${pairs.map(([v, f]) => `WHEN trim(${column(f)}) = ${sqlString(equals)} THEN ${column(v)}`).join(' ')} END`,
    },
  };
}
