/** How a file's type for a column compares with the column's registered type. */
export type TypeChange = 'same' | 'widened' | 'narrowed' | 'incompatible';

/**
 * Each type and the types one step wider; a type is wider than another when it is reachable from
 * it, and VARCHAR is wider than every other type. Follows DuckDB's implicit casts: BOOLEAN casts
 * to 0/1, every integer to HUGEINT, DECIMAL and DOUBLE, DATE to TIMESTAMP (midnight).
 */
export const WIDER_TYPES: Readonly<Record<string, readonly string[]>> = {
  BOOLEAN: ['TINYINT'],
  TINYINT: ['SMALLINT'],
  SMALLINT: ['INTEGER'],
  INTEGER: ['BIGINT'],
  BIGINT: ['HUGEINT', 'DECIMAL', 'DOUBLE'],
  HUGEINT: ['DOUBLE'],
  DECIMAL: ['DOUBLE'],
  DATE: ['TIMESTAMP'],
  TIMESTAMP: ['TIMESTAMP WITH TIME ZONE'],
};

const DECIMAL = /^DECIMAL\((\d+),(\d+)\)$/;

/** DECIMAL(p,s) sits in the lattice as DECIMAL; between two DECIMALs their digits decide. */
const family = (type: string) => (DECIMAL.test(type) ? 'DECIMAL' : type);

function isWider(wider: string, than: string): boolean {
  if (wider === than) return false;
  if (wider === 'VARCHAR') return true;
  const seen = new Set<string>();
  const pending = [...(WIDER_TYPES[than] ?? [])];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next === wider) return true;
    if (!seen.has(next)) pending.push(...(WIDER_TYPES[next] ?? []));
    seen.add(next);
  }
  return false;
}

/** A DECIMAL is wider when it has at least the integer digits and at least the fraction digits. */
function compareDecimals(registered: RegExpExecArray, incoming: RegExpExecArray): TypeChange {
  const [fromInteger, fromScale] = [Number(registered[1]) - Number(registered[2]), Number(registered[2])];
  const [toInteger, toScale] = [Number(incoming[1]) - Number(incoming[2]), Number(incoming[2])];
  if (toInteger >= fromInteger && toScale >= fromScale) return 'widened';
  if (toInteger <= fromInteger && toScale <= fromScale) return 'narrowed';
  return 'incompatible';
}

/** `widened`: every `registered` value is also an `incoming` value; `narrowed`: the reverse; else `incompatible`. */
export function compareTypes(registered: string, incoming: string): TypeChange {
  if (registered === incoming) return 'same';
  const [fromDecimal, toDecimal] = [DECIMAL.exec(registered), DECIMAL.exec(incoming)];
  if (fromDecimal && toDecimal) return compareDecimals(fromDecimal, toDecimal);
  const [from, to] = [family(registered), family(incoming)];
  if (isWider(to, from)) return 'widened';
  if (isWider(from, to)) return 'narrowed';
  return 'incompatible';
}
