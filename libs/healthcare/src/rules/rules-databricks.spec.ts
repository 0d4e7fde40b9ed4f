import { assertSparkSql, SPARK_STRING_LITERAL, unescapeSparkString } from '@ade/testing/spark-sql';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAllStatePacks } from '../states';
import { RULES } from './catalog';
import type { SqlRenderContext } from './rule';
import { databricksExpressions, type ExpressionDialect } from './sql/expression-dialect';
import { CASE_MAKERS } from './test/rule-cases';
import { SeededRandom } from './test/seeded-random';
import { runSparkRegex, type SparkRegexCall } from './test/spark-regex/spark-regex';
import { TEST_AS_OF, testPack } from './test/test-packs';

/**
 * The healthcare rules rendered for Databricks. Nothing here reaches a workspace, so the rendering
 * is checked in the two ways that need none: every rule's SQL is parsed with a Spark SQL grammar,
 * and every regular expression it hands Spark is run through java.util.regex exactly as Spark's
 * regexp_like, regexp_extract, regexp_extract_all and regexp_replace call it, on the inputs the
 * DuckDB agreement tests use, and must answer as the JavaScript predicate's reading does.
 */

/** A regex call the rendering made: the JavaScript reading, and the literal Spark receives. */
type RegexUse =
  | { fn: 'like'; js: RegExp; literal: string }
  | { fn: 'extract' | 'extract_all'; js: RegExp; literal: string; group: number }
  | { fn: 'replace'; js: RegExp; literal: string; template: string };

const LITERAL = new RegExp(SPARK_STRING_LITERAL.source, 'g');

/** The string literals of a rendered call, as Spark's parser reads them, last ones last. */
function literalsOf(sql: string): string[] {
  return (sql.match(LITERAL) ?? []).map(unescapeSparkString);
}

/** The Databricks dialect, recording every regex it renders. */
function recordingDialect(uses: RegexUse[]): ExpressionDialect {
  const base = databricksExpressions;
  return {
    ...base,
    fullMatch(operand, body) {
      const sql = base.fullMatch(operand, body);
      uses.push({ fn: 'like', js: new RegExp(`^(?:${body})$`), literal: literalsOf(sql).at(-1)! });
      return sql;
    },
    containsMatch(operand, pattern) {
      const sql = base.containsMatch(operand, pattern);
      uses.push({ fn: 'like', js: new RegExp(pattern), literal: literalsOf(sql).at(-1)! });
      return sql;
    },
    extract(operand, pattern, group) {
      const sql = base.extract(operand, pattern, group);
      uses.push({ fn: 'extract', js: new RegExp(pattern), literal: literalsOf(sql).at(-1)!, group });
      return sql;
    },
    rewrite(operand, pattern, template) {
      const sql = base.rewrite(operand, pattern, template);
      const [literal, replacement] = literalsOf(sql).slice(-2) as [string, string];
      uses.push({ fn: 'replace', js: new RegExp(pattern, 'g'), literal, template: replacement });
      return sql;
    },
    sumOfMatches(text, pattern, group, type) {
      const sql = base.sumOfMatches(text, pattern, group, type);
      const literal = unescapeSparkString(new RegExp(`regexp_extract_all\\([^,]+, (${SPARK_STRING_LITERAL.source})`).exec(sql)![1]!);
      uses.push({ fn: 'extract_all', js: new RegExp(pattern, 'g'), literal, group });
      return sql;
    },
  };
}

/** Every state pack shipped, and a test pack, so each member-id pattern is rendered. */
function contexts(dialect: ExpressionDialect): SqlRenderContext[] {
  const packs = [...loadAllStatePacks(), testPack({ medicaidMemberIdPattern: '^[A-Z]{2}[0-9&]{8}$' })];
  return packs.map((statePack) => ({ dialect, asOf: TEST_AS_OF, statePack, ref: (table) => `ref.${table}` }));
}

const inputsOf = (roles: readonly string[]) => Object.fromEntries(roles.map((role) => [role, `claims.\`${role}\``]));

/** DuckDB spellings a Databricks rendering must not contain (outside its string literals). */
const DUCKDB_ONLY = /\b(?:regexp_full_match|regexp_matches|list_[a-z_]+|string_split|strlen|starts_with|strftime|lambda|VARCHAR)\b|\/\/|::|\[/i;

describe('the healthcare rules in Databricks SQL', () => {
  const uses: RegexUse[] = [];
  const rendered = RULES.flatMap((rule) =>
    contexts(recordingDialect(uses)).map((context) => ({ id: rule.id, sql: rule.sql(inputsOf(rule.roles), context) })),
  );

  it.each(RULES.map((rule) => rule.id))('%s parses as a Spark SQL select list expression', (id) => {
    for (const { sql } of rendered.filter((r) => r.id === id)) {
      expect(() => assertSparkSql(`SELECT ${sql} AS passes FROM claims`)).not.toThrow();
      expect(sql.replace(LITERAL, "''")).not.toMatch(DUCKDB_ONLY);
    }
  });

  describe('java.util.regex, as Spark runs it, reads every rendered pattern as JavaScript does', () => {
    let values: string[];
    let distinctUses: RegexUse[];
    let answers: string[];
    let calls: Array<{ use: RegexUse; value: string }>;

    beforeAll(() => {
      values = ruleInputValues();
      distinctUses = [...new Map(uses.map((use) => [JSON.stringify({ ...use, js: use.js.source }), use])).values()];
      calls = distinctUses.flatMap((use) => values.map((value) => ({ use, value })));
      answers = runSparkRegex(calls.map(({ use, value }) => sparkCall(use, value)));
    }, 120_000);

    it('on every input of the agreement tests and the tricky ones, for every pattern', () => {
      const mismatches = calls
        .map(({ use, value }, index) => ({ regex: use.literal, fn: use.fn, value, java: answers[index], js: javaScriptAnswer(use, value) }))
        .filter((row) => row.java !== row.js);
      expect(mismatches.slice(0, 5)).toEqual([]);
      expect(values.length).toBeGreaterThan(5_000);
    });

    it('with full matches anchored so a trailing line break never passes', () => {
      const anchored = distinctUses.filter((use) => use.fn === 'like' && use.literal.startsWith('^(?:'));
      expect(anchored.length).toBeGreaterThan(20);
      for (const use of anchored) expect(use.literal.endsWith(')\\z'), use.literal).toBe(true);
      expect(values).toContain('2025-01-01\n');
    });

    it('on inputs that exercise them: every pattern matches some input and misses another', () => {
      const outcomes = new Map<RegexUse, Set<string>>();
      calls.forEach(({ use }, index) => {
        const seen = outcomes.get(use) ?? new Set<string>();
        seen.add(use.fn === 'like' ? answers[index]! : String(answers[index] !== ''));
        outcomes.set(use, seen);
      });
      const oneSided = distinctUses.filter((use) => outcomes.get(use)!.size < 2).map((use) => use.literal);
      expect(oneSided).toEqual([]);
    });
  });
});

function sparkCall(use: RegexUse, value: string): SparkRegexCall {
  switch (use.fn) {
    case 'like':
      return { fn: 'like', regex: use.literal, value };
    case 'replace':
      return { fn: 'replace', regex: use.literal, value, replacement: use.template };
    default:
      return { fn: use.fn, regex: use.literal, value, group: use.group };
  }
}

/** What the engines must answer, read with JavaScript's RegExp (the predicate's engine). */
function javaScriptAnswer(use: RegexUse, value: string): string {
  switch (use.fn) {
    case 'like':
      return String(use.js.test(value));
    case 'extract':
      return use.js.exec(value)?.[use.group] ?? '';
    case 'replace':
      return value.replace(use.js, use.template);
    case 'extract_all':
      return [...value.matchAll(use.js)].map((match) => Buffer.from(match[use.group] ?? '', 'utf8').toString('base64')).join(',');
  }
}

/** The inputs the rules-agree property tests generate, for every rule, and some edge cases. */
function ruleInputValues(): string[] {
  const values = new Set<string>(['', ' ', '\n', '2025-01-01\n', '20250101\n', '01/02/2025\n', '1.50\n', '-0.10', '12\u2028', 'CO-45:12.50\n', 'A&&B']);
  for (const [id, make] of Object.entries(CASE_MAKERS)) {
    const random = new SeededRandom([...id].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16_777_619) >>> 0, 2_166_136_261));
    for (let n = 0; n < 400; n += 1) {
      for (const value of Object.values(make(random, TEST_AS_OF))) if (value !== null) values.add(value);
    }
  }
  return [...values];
}
