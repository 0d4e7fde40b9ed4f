import type { DataType } from '@ade/contracts';
import { CONSTANT_PREFIX, isConstantBinding, ruleById, type CanonicalSchema, type HeaderMapping, type Rule, type StatePack } from '@ade/healthcare';
import { sourceColumnSql } from './source-table';
import { quoteString } from './sql/identifiers';

/**
 * One rule applied to one set of columns; `no` names it in the generated SQL. Inputs refer to the
 * file's columns in the prepared source, where each is already cleaned (blank → NULL).
 */
export interface PlannedCheck {
  no: number;
  rule: Rule;
  /** The column violations are reported against, as named in the file (canonical name if absent). */
  column: string;
  /** Role → SQL expression yielding the cleaned value, a constant, or NULL. */
  inputs: Record<string, string>;
}

export interface CheckPlan {
  checks: PlannedCheck[];
  missingRequired: string[];
  /** The file's columns the checks read; the engine cleans each once (see rule-inputs.ts). */
  columnsRead: string[];
}

const REQUIRED_RULE = 'required.missing';

/**
 * Turns a schema's rule bindings into checks over this file's columns. A check whose required
 * inputs are not in the file is left out (it could only ever pass), as is one the file's layout
 * marks not applicable; a required column that is missing becomes a check that fails every row,
 * so the gap shows in the score.
 */
export function planChecks(
  dataType: DataType,
  schema: CanonicalSchema,
  mapping: HeaderMapping,
  pack: StatePack,
  notApplicable: ReadonlySet<string> = new Set(),
  notCarried: ReadonlySet<string> = new Set(),
  /** How the checks read a source column, and spell a constant input. */
  sql: { column(source: string): string; string(value: string): string } = { column: sourceColumnSql, string: quoteString },
): CheckPlan {
  const sourceOf = new Map(mapping.mapped.map((m) => [m.canonical, m.source]));
  const columnsRead = new Set<string>();
  const inputExpression = (target: string): string => {
    if (isConstantBinding(target)) return sql.string(constantOf(target));
    const source = sourceOf.get(target);
    if (!source) return 'NULL';
    columnsRead.add(source);
    return sql.column(source);
  };
  const checks: PlannedCheck[] = [];
  const add = (rule: Rule, column: string, inputs: Record<string, string>) => checks.push({ no: checks.length + 1, rule, column, inputs });

  for (const binding of schema.checks) {
    if (notApplicable.has(binding.rule)) continue;
    const rule = ruleById(binding.rule);
    const inputs: Record<string, string> = {};
    let applicable = true;
    for (const role of rule.roles) {
      const target = binding.columns[role];
      const expression = target === undefined ? 'NULL' : inputExpression(target);
      if (expression === 'NULL' && rule.requires.includes(role)) applicable = false;
      inputs[role] = expression;
    }
    if (!applicable) continue;
    const first = binding.columns[rule.roles[0]!]!;
    add(rule, isConstantBinding(first) ? constantOf(first) : (sourceOf.get(first) ?? first), inputs);
  }

  const required = new Set(
    [...schema.columns.filter((c) => c.required).map((c) => c.name), ...(pack.requiredFields[dataType] ?? [])].filter((column) => !notCarried.has(column)),
  );
  const missingRequired: string[] = [];
  const requiredRule = ruleById(REQUIRED_RULE);
  for (const column of required) {
    const source = sourceOf.get(column);
    if (!source) missingRequired.push(column);
    add(requiredRule, source ?? column, { [requiredRule.roles[0]!]: inputExpression(column) });
  }
  return { checks, missingRequired, columnsRead: [...columnsRead] };
}

function constantOf(binding: string): string {
  return binding.slice(CONSTANT_PREFIX.length);
}
