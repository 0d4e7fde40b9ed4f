import { unescapeSparkString } from '@ade/testing/spark-sql';
import { describe, expect, it } from 'vitest';
import { ContractViolation } from './violation';
import { sparkStringLiteral } from './sql-literals';

describe('sparkStringLiteral', () => {
  it('escapes the backslash as well as the quote, since Spark reads backslash escapes in strings', () => {
    expect(sparkStringLiteral("O'Brien")).toBe("'O\\'Brien'");
    expect(sparkStringLiteral('C:\\landing\\')).toBe("'C:\\\\landing\\\\'");
    expect(sparkStringLiteral("x\\' OR 1=1 --")).toBe("'x\\\\\\' OR 1=1 --'");
    expect(sparkStringLiteral('a\nb\rc')).toBe("'a\\nb\\rc'");
  });

  it('gives back exactly the value once Spark unescapes it, whatever the characters', () => {
    const values = ['', "'", '\\', "\\'", '\\\\n', '%_\\%', '^(?:[0-9]{2})\\z', 'tab\tline\nreturn\r', 'é😀\u2028', "a''b"];
    for (const value of values) expect(unescapeSparkString(sparkStringLiteral(value)), JSON.stringify(value)).toBe(value);
  });

  it('refuses a NUL, which no SQL literal can carry', () => {
    expect(() => sparkStringLiteral('a\0b')).toThrow(new ContractViolation('a SQL string literal cannot contain a NUL character'));
  });
});
