/**
 * RFC 4180 CSV: comma-separated, fields optionally quoted with `"`, a quote inside a quoted
 * field doubled, quoted fields may span lines, rows end in LF or CRLF. A leading UTF-8 BOM
 * (several shipped code sets have one) is dropped. Meant for code-set files and test fixtures
 * held in memory; large data files are the engine's job, not this parser's. The same rules with a
 * tab delimiter read the shipped TSV files (none of which quote).
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let rowHasContent = false;

  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      index += 1;
      continue;
    }
    if (char === '"') {
      quoted = true;
      rowHasContent = true;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
      rowHasContent = true;
    } else if (char === '\n' || char === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      rowHasContent = false;
      if (char === '\r' && text[index + 1] === '\n') index += 1;
    } else {
      field += char;
      rowHasContent = true;
    }
    index += 1;
  }
  if (quoted) throw new SyntaxError('CSV ends inside a quoted field');
  // A final line without a newline still counts; a trailing newline does not add an empty row.
  if (rowHasContent) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows as objects keyed by the header row. Throws when a row has a different field count. */
export function parseCsvRecords(text: string, delimiter = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, delimiter);
  if (!header) return [];
  return rows.map((row, index) => {
    if (row.length !== header.length) {
      throw new SyntaxError(`CSV row ${index + 2} has ${row.length} fields, the header has ${header.length}`);
    }
    const record: Record<string, string> = {};
    header.forEach((name, column) => {
      record[name] = row[column]!;
    });
    return record;
  });
}
