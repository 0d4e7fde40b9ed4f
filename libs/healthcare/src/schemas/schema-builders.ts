import type { CanonicalColumn, CheckBinding, ColumnType } from './canonical-schema';
import type { CheckRoles, CheckRuleId } from './check-rule-roles';

interface ColumnOptions {
  required?: boolean;
  phi?: boolean;
  synonyms?: readonly string[];
}

export function column(name: string, type: ColumnType, description: string, options: ColumnOptions = {}): CanonicalColumn {
  return {
    name,
    type,
    required: options.required ?? false,
    phi: options.phi ?? false,
    synonyms: options.synonyms ?? [],
    description,
  };
}

/** `count` numbered columns (`diagnosis_code_1` ..), built by `make(n)`. */
export function numbered<T>(count: number, make: (n: number) => T): T[] {
  return Array.from({ length: count }, (_, index) => make(index + 1));
}

/** A binding whose roles are checked against the rule contract at compile time. */
export function bind<R extends CheckRuleId>(rule: R, columns: Readonly<Record<CheckRoles<R>, string>>): CheckBinding {
  return { rule, columns };
}

/** The same one-role rule bound to each of `columns`. */
export function bindEach<R extends CheckRuleId>(rule: R, role: CheckRoles<R>, columns: readonly string[]): CheckBinding[] {
  return columns.map((name) => ({ rule, columns: { [role]: name } }));
}

export function namesOf(columns: readonly CanonicalColumn[], type?: ColumnType): string[] {
  return columns.filter((c) => type === undefined || c.type === type).map((c) => c.name);
}
