const NEEDS_QUOTING = /[",\r\n]/;

/** One RFC 4180 field: quoted only when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return NEEDS_QUOTING.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record ending in LF. */
export function csvLine(fields: readonly string[]): string {
  let line = csvField(fields[0] ?? '');
  for (let index = 1; index < fields.length; index += 1) line += `,${csvField(fields[index]!)}`;
  return `${line}\n`;
}
