/**
 * The subset of regular-expression syntax that JavaScript (`RegExp`, no flags), RE2 (DuckDB's
 * `regexp_full_match`) and java.util.regex (Databricks' `regexp_like`) read the same way, so a
 * pattern written once (a rule's format, a state pack's member-id pattern) gives one answer in
 * every rendering:
 *
 * - literals: printable ASCII other than the metacharacters `\ ^ $ . | ? * + ( ) [ ] { }`,
 *   which may be escaped with a backslash (as may `-` and `/`), and `\t`, `\n`, `\r`;
 * - `\d` and `\w` (ASCII-only in all three); classes `[...]` of ASCII literals, ranges and
 *   `\d`/`\w`, never negated, never holding `[` (RE2 reads `[:alpha:]`, Java a nested class) or
 *   `&&` (Java reads an intersection);
 * - groups `(...)` and `(?:...)`, alternation `|`, quantifiers `? * + {n} {n,} {n,m}` (counts up to
 *   1000, RE2's limit), optionally lazy;
 * - an optional leading `^` and trailing `$`: the pattern is always matched against the whole
 *   value, so they add nothing.
 *
 * Everything else is refused rather than guessed at: `.` and negated classes (`[^...]`, `\D`) count
 * UTF-16 units in JavaScript but code points in RE2, `\s` and `\b` differ on Unicode, and
 * backreferences, lookaround, flags and POSIX classes exist in one engine only.
 */
export class PortableRegexError extends Error {
  override readonly name = 'PortableRegexError';
  readonly code = 'regex_not_portable';
}

const METACHARACTERS = '\\^$.|?*+()[]{}';
const ESCAPABLE = `${METACHARACTERS}-/`;
const SHORTHANDS = 'dw';
/** `\t`, `\n`, `\r`: the control characters both engines spell the same way. */
const CONTROL_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r' };
const MAX_REPEAT = 1000;

/**
 * Checks `source` and returns the body to match against the whole value (without `^`/`$`).
 * Throws PortableRegexError naming the position of the first unsupported construct.
 */
export function portableRegexBody(source: string): string {
  const body = stripAnchors(source);
  new PatternReader(body).readWhole();
  return body;
}

function stripAnchors(source: string): string {
  const body = source.startsWith('^') ? source.slice(1) : source;
  // A trailing `$` is an anchor unless it is itself escaped (preceded by an odd run of backslashes).
  const anchored = body.endsWith('$') && /(?<!\\)(?:\\\\)*$/.test(body.slice(0, -1));
  return anchored ? body.slice(0, -1) : body;
}

class PatternReader {
  private index = 0;

  constructor(private readonly text: string) {}

  readWhole(): void {
    this.readAlternation();
    if (this.index < this.text.length) this.fail('unbalanced )');
  }

  private readAlternation(): void {
    this.readSequence();
    while (this.peek() === '|') {
      this.index += 1;
      this.readSequence();
    }
  }

  private readSequence(): void {
    for (let char = this.peek(); char !== undefined && char !== '|' && char !== ')'; char = this.peek()) {
      this.readAtom();
      this.readQuantifier();
    }
  }

  private readAtom(): void {
    const char = this.next();
    if (char === '(') {
      if (this.peek() === '?') {
        if (this.text.slice(this.index, this.index + 2) !== '?:') this.fail('only (...) and (?:...) groups are portable');
        this.index += 2;
      }
      this.readAlternation();
      // The alternation ends at `)`, or at the end of the pattern, where next() fails.
      this.next();
    } else if (char === '[') {
      this.readClass();
    } else if (char === '\\') {
      this.readEscape(false);
    } else if (char === '^' || char === '$') {
      this.fail(`${char} is only allowed at the very start (^) or end ($): the whole value is always matched`);
    } else if (!isPrintableAscii(char) || METACHARACTERS.includes(char)) {
      this.fail(char === '.' ? '. is not portable (UTF-16 units vs code points); use a class' : `unexpected ${JSON.stringify(char)}`);
    }
  }

  /** Returns the escaped literal character, or undefined for a shorthand class (`\d`, `\w`). */
  private readEscape(inClass: boolean): string | undefined {
    const char = this.next();
    if (SHORTHANDS.includes(char)) return undefined;
    if (ESCAPABLE.includes(char)) return char;
    if (Object.hasOwn(CONTROL_ESCAPES, char)) return CONTROL_ESCAPES[char];
    return this.fail(`\\${char} is not portable${inClass ? ' inside a class' : ''}`);
  }

  private readClass(): void {
    if (this.peek() === '^') this.fail('negated classes are not portable');
    // JavaScript reads `[]` as the empty class, RE2 reads `[]a]` as a class holding `]` and `a`.
    if (this.peek() === ']') this.fail('empty class');
    for (let char = this.next(); char !== ']'; char = this.next()) {
      const low = this.readClassMember(char);
      // `-` is a literal last in the class (and a class left open fails at its end either way).
      const startsRange = this.peek() === '-' && this.text[this.index + 1] !== ']';
      if (startsRange) {
        if (low === undefined) this.fail('a range cannot start at \\d or \\w');
        this.index += 1;
        const high = this.readClassMember(this.next());
        if (high === undefined || high < low) this.fail('bad class range');
      }
    }
  }

  private readClassMember(char: string): string | undefined {
    if (char === '\\') return this.readEscape(true);
    if (char === '[') this.fail('[ inside a class is not portable (RE2 reads [:alpha:], Java a nested class)');
    if (char === '&' && this.peek() === '&') this.fail('&& inside a class is not portable (Java reads an intersection)');
    if (!isPrintableAscii(char)) this.fail('only printable ASCII is portable in a class');
    return char;
  }

  /** An optional quantifier, optionally lazy; with none, the checks after it find nothing either. */
  private readQuantifier(): void {
    const char = this.peek();
    if (char === '?' || char === '*' || char === '+') {
      this.index += 1;
    } else if (char === '{') {
      this.readCountedRepeat();
    }
    if (this.peek() === '?') this.index += 1;
    const after = this.peek();
    if (after === '?' || after === '*' || after === '+' || after === '{') this.fail('a quantifier cannot follow a quantifier');
  }

  private readCountedRepeat(): void {
    const match = /^\{(\d+)(?:,(\d*))?\}/.exec(this.text.slice(this.index));
    if (!match) this.fail('{ must start a {n}, {n,} or {n,m} quantifier');
    const low = Number(match[1]);
    // `{n}` and `{n,}` are bounded by n alone; a high count is never below the low one.
    const high = match[2] ? Number(match[2]) : low;
    if (high > MAX_REPEAT || high < low) this.fail(`repeat counts must be ordered and at most ${MAX_REPEAT}`);
    this.index += match[0].length;
  }

  private peek(): string | undefined {
    return this.text[this.index];
  }

  private next(): string {
    const char = this.text[this.index];
    if (char === undefined) this.fail('pattern ends too early');
    this.index += 1;
    return char;
  }

  private fail(reason: string): never {
    throw new PortableRegexError(`regular expression not portable at position ${this.index}: ${reason}`);
  }
}

function isPrintableAscii(char: string): boolean {
  // `char` is one UTF-16 unit read from the pattern, so its first unit is all of it.
  const code = char.charCodeAt(0);
  return code >= 0x20 && code <= 0x7e;
}
