import { CROSS_TABLE_DEFECT_KINDS, DEFECT_KINDS, generateProfessionalClaims, type DefectKind } from '@ade/synthetic';
import { describe, expect, it } from 'vitest';
import { mapHeaders } from '../mapping/header-mapping';
import { availableStatePacks, loadStatePack } from '../states/load-state-pack';
import { DEFAULT_STATE_PACK } from '../states/state-pack';
import { parseCsv } from '../text/parse-csv';
import { canonicalSchema } from './canonical-schemas';
import { GENERATOR_DEFECT_RULES } from './generator-defect-rules';
import { failingChecks } from './test/stand-in-rules';

const AS_OF = '2026-08-15';
const schema = canonicalSchema('professional_claims');
/** Kinds a single claims file shows: all but those judged against the providers or eligibility file. */
const IN_FILE_KINDS = DEFECT_KINDS.filter((kind) => !(CROSS_TABLE_DEFECT_KINDS as readonly string[]).includes(kind));
/** Rules no binding lists: the engine derives them (required columns, the business key) or joins another table. */
const UNBOUND_RULES = new Set(['integrity.duplicate_line', 'required.missing', 'business.eligibility_span', 'integrity.unknown_provider']);

async function generate(options: { seed: number; rows: number; defectRate: number; states?: string[]; defectKinds?: readonly DefectKind[] }) {
  const chunks: string[] = [];
  const manifest = await generateProfessionalClaims({ asOf: AS_OF, ...options }, (chunk) => {
    chunks.push(chunk);
  });
  const [header, ...rows] = parseCsv(chunks.join(''));
  const mapping = mapHeaders(header!, schema);
  const records = rows.map((fields) => Object.fromEntries(mapping.mapped.map((m) => [m.canonical, fields[header!.indexOf(m.source)] ?? ''])));
  const canonicalOf = new Map(mapping.mapped.map((m) => [m.source, m.canonical]));
  return { records, manifest, canonicalOf };
}

describe('GENERATOR_DEFECT_RULES', () => {
  it("has exactly the generator's defect kinds", () => {
    expect(Object.keys(GENERATOR_DEFECT_RULES).sort()).toEqual([...DEFECT_KINDS].sort());
    const typed: Record<DefectKind, string> = GENERATOR_DEFECT_RULES;
    expect(typed.duplicate_line).toBe('integrity.duplicate_line');
  });

  it('names rules the professional schema binds (or the engine computes, or a cross-table check owns)', () => {
    const bound = new Set(schema.checks.map((b) => b.rule));
    for (const rule of Object.values(GENERATOR_DEFECT_RULES)) {
      if (!UNBOUND_RULES.has(rule)) expect(bound.has(rule), rule).toBe(true);
    }
    for (const kind of CROSS_TABLE_DEFECT_KINDS) expect(bound.has(GENERATOR_DEFECT_RULES[kind]), kind).toBe(false);
  });

  const packs = availableStatePacks();
  it.each(packs)('with the %s pack, each planted defect fails exactly its one check and clean rows fail none', async (id) => {
    const state = id === DEFAULT_STATE_PACK ? undefined : id;
    const pack = loadStatePack(state);
    const { records, manifest, canonicalOf } = await generate({ seed: 11, rows: 6_000, defectRate: 0.2, states: state ? [state] : undefined, defectKinds: IN_FILE_KINDS });
    const failures = failingChecks(schema, records, { asOf: AS_OF, pack });
    const planted = new Map(manifest.defectRows!.map((d) => [d.row, d]));
    expect(records).toHaveLength(6_000);
    expect(failures).toHaveLength(6_000);
    expect(planted.size).toBe(1_200);
    failures.forEach((failed, index) => {
      const defect = planted.get(index + 1);
      if (!defect) {
        expect(failed, `clean row ${index + 1}`).toEqual([]);
        return;
      }
      // The manifest names the file's column (units); the checks name the canonical one (service_unit_quantity).
      const expectedColumn = canonicalOf.get(defect.column) ?? defect.column;
      expect(failed, `row ${index + 1} (${defect.kind})`).toEqual([`${GENERATOR_DEFECT_RULES[defect.kind]}(${expectedColumn})`]);
    });
    for (const kind of IN_FILE_KINDS) expect(manifest.defects[kind], kind).toBeGreaterThan(0);
  });
});
