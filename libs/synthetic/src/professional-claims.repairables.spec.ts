import { describe, expect, it } from 'vitest';
import { PROFESSIONAL_CLAIM_COLUMNS } from './claims/professional-claim-columns';
import { REPAIR_IDS, type RepairId } from './repairs/repair-ids';
import { dollars } from './repairs/plant-repairable';
import { parseClaimsCsv } from './test/claim-rules';
import { generateText, sha256 } from './test/generate-text';
import { undoRepairable } from './test/undo-repairable';

describe('repairable variants', () => {
  it('change nothing at a rate of 0', async () => {
    const absent = await generateText({ rows: 3_000 });
    const zero = await generateText({ rows: 3_000, repairableRate: 0 });
    expect(sha256(zero.text)).toBe(sha256(absent.text));
    expect(zero.manifest).toEqual(absent.manifest);
    expect(zero.manifest.repairRows).toEqual([]);
    expect(Object.values(zero.manifest.repairs).every((count) => count === 0)).toBe(true);
  });

  it('sit on clean rows only, one per row, and each repairs back to exactly the value written without variants', async () => {
    const plain = await generateText({ rows: 8_000, defectRate: 0.1 });
    const varied = await generateText({ rows: 8_000, defectRate: 0.1, repairableRate: 0.3 });
    // Variants draw from a stream of their own: defects, duplicates and every other value stay put.
    expect(varied.manifest.defectRows).toEqual(plain.manifest.defectRows);
    expect(varied.manifest.defects).toEqual(plain.manifest.defects);

    const before = parseClaimsCsv(plain.text).records;
    const after = parseClaimsCsv(varied.text).records;
    const repairRows = varied.manifest.repairRows!;
    const defective = new Set(plain.manifest.defectRows!.map(({ row }) => row));
    expect(new Set(repairRows.map(({ row }) => row)).size).toBe(repairRows.length);
    expect(repairRows.some(({ row }) => defective.has(row))).toBe(false);

    const variantAt = new Map(repairRows.map((entry) => [entry.row, entry]));
    expect(before).toHaveLength(8_000);
    expect(after).toHaveLength(8_000);
    after.forEach((record, index) => {
      const variant = variantAt.get(index + 1);
      for (const column of PROFESSIONAL_CLAIM_COLUMNS) {
        const original = before[index]![column];
        if (variant?.column !== column) {
          expect(record[column]).toBe(original);
          continue;
        }
        expect(record[column], `row ${index + 1} ${variant.repair}`).not.toBe(original);
        expect(undoRepairable(variant.repair, record[column]), `row ${index + 1} ${variant.repair}`).toBe(original);
      }
    });

    const clean = 8_000 - defective.size;
    expect(repairRows.length / clean).toBeGreaterThan(0.27);
    expect(repairRows.length / clean).toBeLessThan(0.33);
    const counted = Object.fromEntries(REPAIR_IDS.map((id) => [id, repairRows.filter((entry) => entry.repair === id).length]));
    expect(varied.manifest.repairs).toEqual(counted);
    for (const id of REPAIR_IDS) expect(counted[id], id).toBeGreaterThan(repairRows.length / 8);
    expect(varied.manifest.repairRowsComplete).toBe(true);
  });

  it('write each variant in the documented shape', async () => {
    const { text, manifest } = await generateText({ rows: 4_000, defectRate: 0, repairableRate: 1 });
    const { records } = parseClaimsCsv(text);
    expect(manifest.repairRows).toHaveLength(4_000);
    const shapes: Record<RepairId, RegExp> = {
      'code.trim_upper': /^( *[a-z0-9.]+ *| +[A-Z0-9.]+ *|[A-Z0-9.]+ +)$/,
      'icd10cm.restore_dot': /^[A-Z][0-9A-Z]{3,6}$/,
      'date.normalize': /^(\d{2}\/\d{2}\/\d{4}|\d{8})$/,
      'amount.normalize': /^\$\d{1,3}(,\d{3})*\.\d{2}$/,
    };
    const columns = new Map<RepairId, Set<string>>();
    for (const { row, column, repair } of manifest.repairRows!) {
      expect(records[row - 1]![column]).toMatch(shapes[repair]);
      columns.set(repair, (columns.get(repair) ?? new Set()).add(column));
    }
    expect(columns.get('amount.normalize')).toEqual(new Set(['charge_amount']));
    expect(columns.get('code.trim_upper')).toContain('hcpcs_code');
    expect(columns.get('code.trim_upper')).toContain('diagnosis_code_1');
    expect([...columns.get('icd10cm.restore_dot')!].every((column) => column.startsWith('diagnosis_code_'))).toBe(true);
    expect(columns.get('date.normalize')).toEqual(
      new Set(['claim_start_date', 'claim_end_date', 'claim_line_start_date', 'claim_line_end_date', 'claim_received_date']),
    );
  });

  it('are listed up to the same limit as defects, and counted exactly beyond it', async () => {
    const { manifest } = await generateText({ rows: 2_000, repairableRate: 0.5, defectRowLimit: 10 });
    expect(manifest.repairRows).toHaveLength(10);
    expect(manifest.repairRowsComplete).toBe(false);
    expect(Object.values(manifest.repairs).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(900);
    const none = await generateText({ rows: 2_000, repairableRate: 0.5, defectRowLimit: 0 });
    expect(none.manifest.repairRows).toBeUndefined();
    expect(none.manifest.repairs).toEqual(manifest.repairs);
  });
});

describe('dollars', () => {
  it('adds a dollar sign, and thousands separators from 1,000 up', () => {
    expect(dollars('0.05')).toBe('$0.05');
    expect(dollars('999.99')).toBe('$999.99');
    expect(dollars('1000.00')).toBe('$1,000.00');
    expect(dollars('1234.50')).toBe('$1,234.50');
    expect(dollars('1234567.00')).toBe('$1,234,567.00');
  });
});
