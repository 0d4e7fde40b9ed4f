import { availableStatePacks, isValidNpi, isoDateToEpochDay, loadStatePack } from '@ade/healthcare';
import { describe, expect, it } from 'vitest';
import { DEFECT_KINDS, OPT_IN_DEFECT_KINDS } from './defects/defect-kinds';
import { checkAllRows, parseClaimsCsv, parseReferenceData, type RuleId } from './test/claim-rules';
import { TEST_AS_OF, generateRun } from './test/generate-text';

const day = (date: string) => isoDateToEpochDay(date)!;
const LONGEST_FILING_DAYS = Math.max(...availableStatePacks().map((id) => loadStatePack(id).timelyFilingDays));

describe('opt-in defects', () => {
  it('plants every kind when all are listed, each row breaking exactly its own rule against the reference files', async () => {
    const { text, manifest, providersCsv, eligibilityCsv } = await generateRun({ rows: 22_000, defectRate: 0.1, defectKinds: DEFECT_KINDS });
    const failures = checkAllRows(parseClaimsCsv(text), TEST_AS_OF, parseReferenceData(providersCsv, eligibilityCsv));
    expect(failures).toEqual(new Map<number, RuleId[]>(manifest.defectRows!.map(({ row, kind }) => [row, [kind]])));
    for (const kind of DEFECT_KINDS) expect(manifest.defects[kind], kind).toBe(200);
  });

  it('needs the reference files to see the cross-table kinds: within the claims file those rows are clean', async () => {
    const { text, manifest } = await generateRun({ rows: 3_000, defectRate: 0.2, defectKinds: ['service_outside_eligibility', 'unknown_provider'] });
    expect(checkAllRows(parseClaimsCsv(text), TEST_AS_OF)).toEqual(new Map());
    expect(manifest.defects.service_outside_eligibility + manifest.defects.unknown_provider).toBe(600);
  });

  it('bills a former member, listed in the eligibility file, for service after all of their spans', async () => {
    const { text, manifest, eligibilityCsv, providersCsv } = await generateRun({ rows: 3_000, defectRate: 0.1, defectKinds: ['service_outside_eligibility'] });
    const { records } = parseClaimsCsv(text);
    const { spansByMember } = parseReferenceData(providersCsv, eligibilityCsv);
    expect(manifest.defectRows).toHaveLength(300);
    for (const { row, column } of manifest.defectRows!) {
      const record = records[row - 1]!;
      expect(column).toBe('claim_line_start_date');
      expect(records.filter((other) => other.claim_id === record.claim_id)).toHaveLength(1);
      const spans = spansByMember.get(record.member_id)!;
      expect(spans.length).toBeGreaterThan(0);
      for (const span of spans) expect(span.end! < record.claim_line_start_date).toBe(true);
    }
  });

  it('gives an unknown provider a valid NPI absent from the providers file, on the rendering side only', async () => {
    const { text, manifest, providersCsv, eligibilityCsv } = await generateRun({ rows: 3_000, defectRate: 0.1, defectKinds: ['unknown_provider'] });
    const { records } = parseClaimsCsv(text);
    const { providerNpis } = parseReferenceData(providersCsv, eligibilityCsv);
    expect(manifest.defects.unknown_provider).toBe(300);
    expect(manifest.defectRows).toHaveLength(300);
    for (const { row, column } of manifest.defectRows!) {
      const record = records[row - 1]!;
      expect(column).toBe('rendering_npi');
      expect(record.rendering_npi).toMatch(/^[12]\d{9}$/);
      expect(isValidNpi(record.rendering_npi)).toBe(true);
      expect(providerNpis.has(record.rendering_npi)).toBe(false);
      expect(providerNpis.has(record.billing_npi)).toBe(true);
    }
  });

  it('blanks units, and only units, for a missing required value', async () => {
    const { text, manifest } = await generateRun({ rows: 2_000, defectRate: 0.1, defectKinds: ['missing_required'] });
    const { records } = parseClaimsCsv(text);
    const defective = new Set(manifest.defectRows!.map(({ row }) => row));
    expect(records).toHaveLength(2_000);
    expect(defective.size).toBe(200);
    records.forEach((record, index) => expect(record.units === '').toBe(defective.has(index + 1)));
    expect(manifest.defectRows!.every(({ column }) => column === 'units')).toBe(true);
  });

  it('swaps the line dates of a one-line claim and keeps its claim dates in order around them', async () => {
    const { text, manifest } = await generateRun({ rows: 3_000, defectRate: 0.1, defectKinds: ['service_dates_reversed'] });
    const { records } = parseClaimsCsv(text);
    expect(manifest.defectRows).toHaveLength(300);
    for (const { row, column } of manifest.defectRows!) {
      const record = records[row - 1]!;
      expect(column).toBe('claim_line_start_date');
      expect(records.filter((other) => other.claim_id === record.claim_id)).toHaveLength(1);
      expect(record.claim_line_end_date < record.claim_line_start_date).toBe(true);
      expect(record.claim_start_date).toBe(record.claim_line_end_date);
      expect(record.claim_end_date).toBe(record.claim_line_start_date);
      expect(record.claim_received_date > record.claim_end_date && record.claim_received_date <= TEST_AS_OF).toBe(true);
    }
  });

  it('receives a late claim after the longest timely-filing limit of any pack, and no later than asOf', async () => {
    const { text, manifest } = await generateRun({ rows: 3_000, defectRate: 0.1, defectKinds: ['late_filing'] });
    const { records } = parseClaimsCsv(text);
    expect(LONGEST_FILING_DAYS).toBe(365);
    expect(manifest.defectRows).toHaveLength(300);
    for (const { row, column } of manifest.defectRows!) {
      const record = records[row - 1]!;
      expect(column).toBe('claim_received_date');
      expect(records.filter((other) => other.claim_id === record.claim_id)).toHaveLength(1);
      expect(day(record.claim_received_date) - day(record.claim_end_date)).toBeGreaterThan(LONGEST_FILING_DAYS);
      expect(record.claim_received_date <= TEST_AS_OF).toBe(true);
      expect(record.claim_start_date >= '2025-01-01').toBe(true);
    }
  });

  it('keeps the default kinds identical whether or not opt-in kinds exist: listing only defaults gives the default output', async () => {
    const listed = await generateRun({ rows: 1_500, defectKinds: ['duplicate_line', 'future_service_date', 'npi_check_digit', 'malformed_diagnosis', 'malformed_procedure', 'paid_exceeds_charge'] });
    const unlisted = await generateRun({ rows: 1_500 });
    expect(listed.text).toBe(unlisted.text);
    expect(OPT_IN_DEFECT_KINDS.every((kind) => unlisted.manifest.defects[kind] === 0)).toBe(true);
  });
});
