/**
 * The few pieces of SQL text every rendering needs. Values reach SQL only through `sqlString`,
 * never by concatenation, so a pattern or a state-pack setting cannot break out of its literal.
 */

/** A single-quoted DuckDB literal. DuckDB strings have no backslash escapes: doubling quotes is enough. */
export function sqlString(value: string): string {
  if (value.includes('\0')) throw new RangeError('a SQL string literal cannot contain a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer for SQL: ${value}`);
  return String(value);
}

const SIMPLE_OPERAND = /^(?:[A-Za-z_][A-Za-z0-9_]*|"(?:[^"]|"")+")(?:\.(?:[A-Za-z_][A-Za-z0-9_]*|"(?:[^"]|"")+"))*$/;

/**
 * An input expression made safe to embed anywhere: a (qualified) column name stays as it is,
 * anything else is parenthesized so operator precedence cannot change its meaning.
 */
export function operand(expression: string): string {
  return SIMPLE_OPERAND.test(expression) ? expression : `(${expression})`;
}

/**
 * An expression that can stand next to any operator: a (qualified) name, a literal, one function
 * call such as `regexp_full_match(...)` or one `EXISTS (...)`; anything else comes back parenthesized.
 */
export function atomic(expression: string): string {
  if (SIMPLE_OPERAND.test(expression) || /^'(?:[^']|'')*'$/.test(expression)) return expression;
  const call = /^(?:[A-Za-z_][A-Za-z0-9_]*|EXISTS )\(/.exec(expression);
  return call && closingParenthesis(expression, call[0].length - 1) === expression.length - 1 ? expression : `(${expression})`;
}

/** `NOT applies OR check`: passes where the check does not apply. Both must be non-NULL. */
export function onlyWhen(applies: string, check: string): string {
  return `NOT ${atomic(applies)} OR ${atomic(check)}`;
}

/** Index of the parenthesis closing the one at `open`, skipping quoted text; -1 if none. */
function closingParenthesis(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let index = open; index !== text.length; index += 1) {
    const char = text[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '(') {
      depth += 1;
    } else if (char === ')' && (depth -= 1) === 0) {
      return index;
    }
  }
  return -1;
}
