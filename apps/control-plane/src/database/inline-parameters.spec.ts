import { describe, expect, it } from 'vitest';
import { inlineParameters } from './inline-parameters';

describe('inlineParameters', () => {
  it('writes each value in as a quoted literal, $10 apart from $1', () => {
    const values = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    expect(inlineParameters('SELECT $1, $10, $2', values)).toBe("SELECT 'a', 'j', 'b'");
  });

  it('quotes numbers and booleans as text of unknown type, as bound parameters arrive', () => {
    expect(inlineParameters('SELECT * FROM t WHERE n = $1 AND b = $2 LIMIT $3', [42, true, 10])).toBe(
      "SELECT * FROM t WHERE n = '42' AND b = 'true' LIMIT '10'",
    );
  });

  it('turns null and undefined into NULL', () => {
    expect(inlineParameters('SELECT $1, $2', [null, undefined])).toBe('SELECT NULL, NULL');
  });

  it('doubles quotes and escapes backslashes so a value cannot end its literal', () => {
    expect(inlineParameters('SELECT $1', ["O'Brien"])).toBe("SELECT 'O''Brien'");
    expect(inlineParameters('SELECT $1', ["x'); DROP TABLE t; --"])).toBe("SELECT 'x''); DROP TABLE t; --'");
    // pg's escapeLiteral writes an E'' literal, with a space before it, when a backslash is present.
    expect(inlineParameters('SELECT $1', ['a\\b'])).toBe(String.raw`SELECT  E'a\\b'`);
  });

  it('sends dates, arrays and objects as pg would bind them', () => {
    const date = new Date('2026-03-01T12:00:00.000Z');
    const inlinedDate = inlineParameters('SELECT $1', [date]);
    expect(inlinedDate).toMatch(/^SELECT '2026-03-01T\d\d:00:00\.000[+-]\d\d:\d\d'$/);
    expect(inlineParameters('SELECT $1', [['a', 'b"c']])).toBe(String.raw`SELECT  E'{"a","b\\"c"}'`);
    expect(inlineParameters('SELECT $1', [{ k: "v'" }])).toBe(`SELECT '{"k":"v''"}'`);
  });

  it('leaves placeholders inside quotes, identifiers, dollar quotes and comments alone', () => {
    const sql = `SELECT '$1', "col$1", $$ $1 $$, $tag$ $1 $tag$, x$1 -- $1\n/* $1 */ FROM t WHERE a = $1`;
    expect(inlineParameters(sql, ['v'])).toBe(`SELECT '$1', "col$1", $$ $1 $$, $tag$ $1 $tag$, x$1 -- $1\n/* $1 */ FROM t WHERE a = 'v'`);
  });

  it('follows doubled quotes to the real end of a literal or identifier', () => {
    expect(inlineParameters(`SELECT 'it''s $1', "a""$1" FROM t WHERE x = $1`, ['v'])).toBe(`SELECT 'it''s $1', "a""$1" FROM t WHERE x = 'v'`);
  });

  it('accepts a semicolon inside quotes but not between statements', () => {
    expect(inlineParameters(`SELECT ';' WHERE a = $1`, ['v'])).toBe(`SELECT ';' WHERE a = 'v'`);
    expect(inlineParameters('SELECT 1; SELECT $1', ['v'])).toBeUndefined();
  });

  it('declines what it cannot write exactly as text', () => {
    expect(inlineParameters('SELECT $1', [Buffer.from('abc')])).toBeUndefined();
    expect(inlineParameters('SELECT $1', ['nul\0byte'])).toBeUndefined();
    expect(inlineParameters('SELECT $2', ['only one'])).toBeUndefined();
  });

  it('tells a minus and a division from the start of a comment', () => {
    expect(inlineParameters('SELECT 2 - $1, 3-$1, $1 / 2', ['v'])).toBe("SELECT 2 - 'v', 3-'v', 'v' / 2");
  });

  it('ends a line comment at its newline and a block comment at the first */ after its opening', () => {
    expect(inlineParameters("SELECT $1 -- x'\nFROM t", ['v'])).toBe("SELECT 'v' -- x'\nFROM t");
    expect(inlineParameters('SELECT /*/ $1 */ $1', ['v'])).toBe("SELECT /*/ $1 */ 'v'");
    expect(inlineParameters('SELECT /* $1*/ $1', ['v'])).toBe("SELECT /* $1*/ 'v'");
  });

  it('reads $$ inside an identifier as part of it, and a placeholder before a dollar quote as a placeholder', () => {
    expect(inlineParameters('SELECT a$$b, $1', ['v'])).toBe("SELECT a$$b, 'v'");
    expect(inlineParameters('SELECT $1, $$x$$', ['v'])).toBe("SELECT 'v', $$x$$");
  });

  it('reads plain literals anywhere, an empty one included', () => {
    expect(inlineParameters("'$1' || $1", ['v'])).toBe("'$1' || 'v'");
    expect(inlineParameters("SELECT * FROM t WHERE a = 'x' AND b = $1", ['v'])).toBe("SELECT * FROM t WHERE a = 'x' AND b = 'v'");
    expect(inlineParameters("SELECT $1, 'e'", ['v'])).toBe("SELECT 'v', 'e'");
    expect(inlineParameters("SELECT '', $1", ['v'])).toBe("SELECT '', 'v'");
  });

  it('reads a double-quoted identifier after an e as an identifier', () => {
    expect(inlineParameters('SELECT e"x", $1', ['v'])).toBe(`SELECT e"x", 'v'`);
  });

  it('declines SQL whose quoting it cannot follow to the end', () => {
    expect(inlineParameters(`SELECT 'open`, [])).toBeUndefined();
    expect(inlineParameters(`SELECT "open`, [])).toBeUndefined();
    expect(inlineParameters('SELECT $$ open', [])).toBeUndefined();
    expect(inlineParameters('SELECT /* open', [])).toBeUndefined();
    expect(inlineParameters('SELECT /* a /* nested */ */ $1', ['v'])).toBeUndefined();
    // An E'' string: read without its escapes, `'a\'` would end early and expose the $1 inside it.
    expect(inlineParameters(String.raw`SELECT E'a\' AS x, $1, 'b'`, ['v'])).toBeUndefined();
    expect(inlineParameters(String.raw`SELECT e'a\' AS x, $1, 'b'`, ['v'])).toBeUndefined();
  });

  it('reads a line comment to the end of the statement when no newline follows', () => {
    expect(inlineParameters('SELECT $1 -- trailing $1', ['v'])).toBe("SELECT 'v' -- trailing $1");
  });

  it('treats a quoted literal after an identifier ending in e as a plain literal', () => {
    expect(inlineParameters(`SELECT name'x' , $1`, ['v'])).toBe(`SELECT name'x' , 'v'`);
  });
});
