import { describe, expect, it } from 'vitest';
import { DEFAULT_DEFECT_KINDS, DEFECT_KINDS, type DefectKind } from './defects/defect-kinds';
import type { GenerationManifest } from './generation-manifest';
import { checkAllRows, parseClaimsCsv, parseReferenceData, type ReferenceData, type RuleId } from './test/claim-rules';
import { TEST_AS_OF, generateRun, generateText } from './test/generate-text';

/**
 * Every row's failures must be exactly what the manifest says was planted there, nothing else;
 * with the run's reference files, the cross-table rules are judged too.
 */
function expectFailuresMatchManifest(text: string, manifest: GenerationManifest, asOf = TEST_AS_OF, references?: ReferenceData): void {
  const failures = checkAllRows(parseClaimsCsv(text), asOf, references);
  const planted = new Map<number, RuleId[]>(manifest.defectRows!.map(({ row, kind }) => [row, [kind]]));
  expect(failures).toEqual(planted);
  const counted = Object.fromEntries(DEFECT_KINDS.map((kind) => [kind, 0])) as Record<DefectKind, number>;
  for (const { kind } of manifest.defectRows!) counted[kind] += 1;
  expect(manifest.defects).toEqual(counted);
}

describe('planted defects', () => {
  it('plants round(rows × rate) defects, each breaking exactly its own rule, spread evenly over the kinds', async () => {
    const { text, manifest } = await generateText({ rows: 12_000, defectRate: 0.1 });
    expectFailuresMatchManifest(text, manifest);
    expect(manifest.defectRows).toHaveLength(1_200);
    for (const kind of DEFAULT_DEFECT_KINDS) expect(manifest.defects[kind]).toBe(200);
    for (const kind of DEFECT_KINDS.filter((other) => !(DEFAULT_DEFECT_KINDS as readonly string[]).includes(other))) {
      expect(manifest.defects[kind], `${kind} is opt-in`).toBe(0);
    }
    expect(manifest.defectRowsComplete).toBe(true);
  });

  it('writes only valid rows at a 0% rate', async () => {
    const { text, manifest } = await generateText({ rows: 10_000, defectRate: 0 });
    expect(checkAllRows(parseClaimsCsv(text), TEST_AS_OF)).toEqual(new Map());
    expect(manifest.defectRows).toEqual([]);
    expect(Object.values(manifest.defects).every((count) => count === 0)).toBe(true);
  });

  it('makes every row defective at a 100% rate; duplicates have no clean line to copy and give way to other kinds', async () => {
    const { text, manifest } = await generateText({ rows: 3_000, defectRate: 1 });
    expectFailuresMatchManifest(text, manifest);
    expect(manifest.defectRows).toHaveLength(3_000);
    expect(manifest.defects.duplicate_line).toBe(0);
    for (const kind of DEFAULT_DEFECT_KINDS.filter((other) => other !== 'duplicate_line')) {
      expect(manifest.defects[kind]).toBe(600);
    }
  });

  it.each(DEFECT_KINDS)('can plant %s alone', async (kind) => {
    const { text, manifest, providersCsv, eligibilityCsv } = await generateRun({ rows: 4_000, defectRate: 0.25, defectKinds: [kind] });
    expectFailuresMatchManifest(text, manifest, TEST_AS_OF, parseReferenceData(providersCsv, eligibilityCsv));
    expect(manifest.defects[kind]).toBe(1_000);
  });

  it('copies a clean earlier line byte for byte for a duplicate', async () => {
    const { text, manifest } = await generateText({ rows: 6_000, defectRate: 0.2, defectKinds: ['duplicate_line', 'paid_exceeds_charge'] });
    const { rawLines } = parseClaimsCsv(text);
    const defective = new Set(manifest.defectRows!.map(({ row }) => row));
    const duplicates = manifest.defectRows!.filter(({ kind }) => kind === 'duplicate_line');
    expect(duplicates.length).toBe(600);
    for (const { row, column } of duplicates) {
      expect(column).toBe('claim_id');
      const copy = rawLines[row - 1]!;
      const originalRow = rawLines.indexOf(copy) + 1;
      expect(originalRow).toBeLessThan(row);
      expect(defective.has(originalRow)).toBe(false);
    }
  });

  it('gives a future-dated line a claim of its own and keeps its other dates in order', async () => {
    const { text, manifest } = await generateText({ rows: 3_000, defectRate: 0.1, defectKinds: ['future_service_date'] });
    const { records } = parseClaimsCsv(text);
    const asOfPlusYear = '2027-08-15';
    expect(manifest.defectRows).toHaveLength(300);
    for (const { row } of manifest.defectRows!) {
      const record = records[row - 1]!;
      expect(records.filter((other) => other.claim_id === record.claim_id)).toHaveLength(1);
      expect(record.claim_line_start_date > TEST_AS_OF).toBe(true);
      expect(record.claim_line_end_date <= asOfPlusYear).toBe(true);
      expect(record.claim_received_date > record.claim_end_date).toBe(true);
    }
  });

  it('reports the column each defect sits in', async () => {
    const { manifest } = await generateText({ rows: 6_000, defectRate: 0.2 });
    const columns = new Map<DefectKind, Set<string>>();
    for (const { kind, column } of manifest.defectRows!) columns.set(kind, (columns.get(kind) ?? new Set()).add(column));
    expect(columns.get('npi_check_digit')).toEqual(new Set(['billing_npi', 'rendering_npi']));
    expect([...columns.get('malformed_diagnosis')!].every((column) => column.startsWith('diagnosis_code_'))).toBe(true);
    expect(columns.get('malformed_procedure')).toEqual(new Set(['hcpcs_code']));
    expect(columns.get('paid_exceeds_charge')).toEqual(new Set(['paid_amount']));
    expect(columns.get('future_service_date')).toEqual(new Set(['claim_line_start_date']));
  });

  it('caps or drops the per-row list on request, keeping exact counts', async () => {
    const capped = await generateText({ rows: 2_000, defectRate: 0.1, defectRowLimit: 5 });
    expect(capped.manifest.defectRows).toHaveLength(5);
    expect(capped.manifest.defectRowsComplete).toBe(false);
    expect(Object.values(capped.manifest.defects).reduce((sum, count) => sum + count, 0)).toBe(200);

    const none = await generateText({ rows: 2_000, defectRate: 0.1, defectRowLimit: 0 });
    expect(none.manifest.defectRows).toBeUndefined();
    expect(none.manifest.defects).toEqual(capped.manifest.defects);
  });
});

describe('code validity across fiscal years', () => {
  it('keeps every diagnosis billable on its service date across several fiscal years and mid-year updates', async () => {
    const options = { rows: 8_000, defectRate: 0.05, serviceFrom: '2019-06-01', serviceTo: '2022-06-30', asOf: '2022-09-01' };
    const { text, manifest } = await generateText(options);
    expectFailuresMatchManifest(text, manifest, options.asOf);
    const { records } = parseClaimsCsv(text);
    const codes = new Set(records.flatMap((record) => [record.diagnosis_code_1, record.diagnosis_code_2]));
    // Codes replaced inside the window (M54.5 → M54.50 in FY2022, U07.1 added mid-FY2020) cannot appear.
    expect(codes.has('M54.5')).toBe(false);
    expect(codes.has('M54.50')).toBe(false);
    expect(codes.has('U07.1')).toBe(false);
  });

  it('clips valid service dates to the day before asOf', async () => {
    const { text } = await generateText({ rows: 2_000, defectRate: 0, asOf: '2025-03-01' });
    const { records } = parseClaimsCsv(text);
    expect(records).toHaveLength(2_000);
    for (const record of records) {
      expect(record.claim_end_date < '2025-03-01').toBe(true);
      expect(record.claim_received_date <= '2025-03-01').toBe(true);
      expect(record.claim_start_date >= '2025-01-01').toBe(true);
    }
  });
});
