/**
 * State packs hold regular expressions that run in two engines: JavaScript (`RegExp`, the
 * single-record path) and RE2 (DuckDB's `regexp_full_match`, the SQL path). This accepts only a
 * subset whose meaning is the same in both:
 *
 * - anchored: `^` first, `$` last, no alternation outside a group;
 * - literals `A-Z a-z 0-9`, space, `_` and `-`; escaped punctuation (`\.`, `\-`, ...); `\d`;
 * - character classes of those (`[A-Z0-9]`, ranges low-to-high), never negated;
 * - groups `( )` and `(?: )` with `|` inside;
 * - quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` (n <= m <= 1000, RE2's limit), one per atom.
 *
 * Out: lookarounds, backreferences, named groups, lazy or possessive quantifiers, `.`, negated
 * classes, `\s`, `\w`, `\b`, Unicode escapes: each missing from one engine, or meaning something
 * else there. (A subset of what the rules' `portable-regex` accepts, so a pack pattern always
 * renders to SQL.)
 */
export function portablePatternProblem(pattern: string): string | null {
  try {
    new PatternReader(pattern).read();
  } catch (error) {
    if (error instanceof PatternProblem) return error.message;
    throw error;
  }
  try {
    new RegExp(pattern);
  } catch {
    return 'is not a valid regular expression';
  }
  return null;
}

class PatternProblem extends Error {}

const LITERAL = /^[A-Za-z0-9 _-]$/;
const CLASS_LITERAL = /^[A-Za-z0-9 _]$/;
const ESCAPABLE = /^[.^$|?*+()[\]{}\\/-]$/;
const MAX_REPEAT = 1000;

class PatternReader {
  private position = 0;

  constructor(private readonly pattern: string) {}

  read(): void {
    if (!this.pattern.startsWith('^')) this.fail("must start with '^'");
    if (!this.pattern.endsWith('$') || this.pattern.endsWith('\\$') || this.pattern.length < 2) this.fail("must end with '$'");
    this.position = 1;
    this.sequence(this.pattern.length - 1, false);
    if (this.position !== this.pattern.length - 1) this.fail(`unexpected '${this.pattern[this.position]}' at ${this.position}`);
  }

  /** Atoms up to `end` (exclusive); stops at ')' or '|' inside a group. */
  private sequence(end: number, inGroup: boolean): void {
    while (this.position < end) {
      const char = this.pattern[this.position]!;
      if (char === ')' || char === '|') {
        if (inGroup) return;
        this.fail(char === '|' ? "'|' must sit inside a group, or the anchors would bind only one side" : "unbalanced ')'");
      }
      this.atom(end);
      this.quantifier(end);
    }
  }

  private atom(end: number): void {
    const char = this.pattern[this.position]!;
    if (char === '(') return this.group(end);
    if (char === '[') return this.characterClass(end);
    if (char === '\\') {
      this.escape(false);
      return;
    }
    if (LITERAL.test(char)) {
      this.position += 1;
      return;
    }
    this.fail(`'${char}' at ${this.position} is not allowed`);
  }

  private group(end: number): void {
    this.position += 1;
    if (this.pattern[this.position] === '?') {
      if (this.pattern[this.position + 1] !== ':') this.fail('only (?: ) groups are allowed (no lookarounds or named groups)');
      this.position += 2;
    }
    for (;;) {
      this.sequence(end, true);
      const char = this.pattern[this.position];
      if (char === '|') {
        this.position += 1;
        continue;
      }
      if (char === ')') {
        this.position += 1;
        return;
      }
      this.fail("unclosed '('");
    }
  }

  private characterClass(end: number): void {
    this.position += 1;
    if (this.pattern[this.position] === '^') this.fail('negated classes are not allowed (JavaScript counts UTF-16 units, RE2 code points)');
    let items = 0;
    while (this.position < end && this.pattern[this.position] !== ']') {
      const low = this.classChar();
      if (this.pattern[this.position] === '-' && this.pattern[this.position + 1] !== ']') {
        this.position += 1;
        const high = this.classChar();
        if (low === null || high === null || low > high) this.fail('a class range must run from a character to a later one');
      }
      items += 1;
    }
    if (this.pattern[this.position] !== ']') this.fail("unclosed '['");
    if (items === 0) this.fail('empty character class');
    this.position += 1;
  }

  /** One class member; the character code of a single character, null for `\d`. */
  private classChar(): number | null {
    const char = this.pattern[this.position]!;
    if (char === '\\') return this.escape(true);
    if (CLASS_LITERAL.test(char)) {
      this.position += 1;
      return char.charCodeAt(0);
    }
    this.fail(`'${char}' at ${this.position} is not allowed in a character class (escape it)`);
  }

  private escape(inClass: boolean): number | null {
    const next = this.pattern[this.position + 1];
    if (next === undefined) this.fail('dangling backslash');
    this.position += 2;
    if (next === 'd') return null;
    if (ESCAPABLE.test(next)) return next.charCodeAt(0);
    this.fail(`'\\${next}'${inClass ? ' in a class' : ''} is not allowed (only \\d and escaped punctuation)`);
  }

  private quantifier(end: number): void {
    const char = this.pattern[this.position];
    if (this.position >= end || char === undefined) return;
    if (char === '?' || char === '*' || char === '+') this.position += 1;
    else if (char === '{') this.repeat();
    else return;
    const after = this.pattern[this.position];
    if (this.position < end && (after === '?' || after === '*' || after === '+' || after === '{')) {
      this.fail('one quantifier per atom (no lazy or possessive quantifiers)');
    }
  }

  private repeat(): void {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.position));
    if (!match) this.fail(`malformed '{' quantifier at ${this.position}`);
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? undefined : Number(match[3]);
    if (min > MAX_REPEAT || (max !== undefined && (max > MAX_REPEAT || max < min))) {
      this.fail(`repeat counts must satisfy n <= m <= ${MAX_REPEAT}`);
    }
    this.position += match[0].length;
  }

  private fail(message: string): never {
    throw new PatternProblem(message);
  }
}
