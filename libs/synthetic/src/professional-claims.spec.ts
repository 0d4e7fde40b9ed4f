import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { PROFESSIONAL_CLAIM_COLUMNS } from './claims/professional-claim-columns';
import { generateProfessionalClaims, writeProfessionalClaimsCsv } from './professional-claims';
import { type ClaimRecord, parseClaimsCsv } from './test/claim-rules';
import { TEST_AS_OF, generateText, sha256 } from './test/generate-text';

describe('generateProfessionalClaims: shape and determinism', () => {
  it('writes the header and exactly the requested number of data rows', async () => {
    const { text, manifest } = await generateText({ rows: 2_500 });
    const parsed = parseClaimsCsv(text);
    expect(parsed.header).toEqual([...PROFESSIONAL_CLAIM_COLUMNS]);
    expect(parsed.records).toHaveLength(2_500);
    expect(manifest.rows).toBe(2_500);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('is byte-identical for the same seed and options', async () => {
    const first = await generateText({ rows: 3_000, seed: 99 });
    const second = await generateText({ rows: 3_000, seed: 99 });
    expect(sha256(first.text)).toBe(sha256(second.text));
    expect(first.manifest).toEqual(second.manifest);
  });

  it('changes with the seed', async () => {
    const first = await generateText({ rows: 200, seed: 1 });
    const second = await generateText({ rows: 200, seed: 2 });
    expect(sha256(first.text)).not.toBe(sha256(second.text));
  });

  it('does not depend on the order defect kinds are listed in', async () => {
    const forward = await generateText({ rows: 500, defectKinds: ['npi_check_digit', 'duplicate_line'], defectRate: 0.2 });
    const backward = await generateText({ rows: 500, defectKinds: ['duplicate_line', 'npi_check_digit'], defectRate: 0.2 });
    expect(sha256(forward.text)).toBe(sha256(backward.text));
  });

  it('writes header only for zero rows', async () => {
    const { text, manifest } = await generateText({ rows: 0 });
    expect(text).toBe(`${PROFESSIONAL_CLAIM_COLUMNS.join(',')}\n`);
    expect(manifest).toMatchObject({ rows: 0, claims: 0, defectRows: [], defectRowsComplete: true });
  });

  it('groups lines into claims of one to four consecutive, numbered lines', async () => {
    const { text, manifest } = await generateText({ rows: 5_000, defectRate: 0 });
    const { records } = parseClaimsCsv(text);
    const linesByClaim = new Map<string, number[]>();
    let previousClaim = '';
    for (const record of records) {
      const lines = linesByClaim.get(record.claim_id) ?? [];
      // A claim's lines are contiguous: once another claim starts, the earlier one never resumes.
      if (record.claim_id !== previousClaim) expect(lines).toEqual([]);
      lines.push(Number(record.claim_line_number));
      linesByClaim.set(record.claim_id, lines);
      previousClaim = record.claim_id;
    }
    expect(linesByClaim.size).toBe(manifest.claims);
    const sizes = new Set<number>();
    for (const lines of linesByClaim.values()) {
      expect(lines).toEqual(lines.map((_, index) => index + 1));
      sizes.add(lines.length);
    }
    expect([...sizes].sort()).toEqual([1, 2, 3, 4]);
  });

  it('repeats claim-level values on every line and spans the lines with the claim dates', async () => {
    const { text } = await generateText({ rows: 3_000, defectRate: 0 });
    const byClaim = new Map<string, ClaimRecord[]>();
    const { records } = parseClaimsCsv(text);
    expect(records).toHaveLength(3_000);
    for (const record of records) {
      byClaim.set(record.claim_id, [...(byClaim.get(record.claim_id) ?? []), record]);
    }
    expect([...byClaim.values()].some((lines) => lines.length > 1)).toBe(true);
    for (const lines of byClaim.values()) {
      const first = lines[0]!;
      for (const line of lines) {
        for (const column of ['member_id', 'billing_npi', 'diagnosis_code_1', 'claim_start_date', 'claim_end_date', 'claim_received_date', 'state', 'plan'] as const) {
          expect(line[column]).toBe(first[column]);
        }
      }
      expect(lines.map((line) => line.claim_line_start_date).sort()[0]).toBe(first.claim_start_date);
      expect(lines.map((line) => line.claim_line_end_date).sort().at(-1)).toBe(first.claim_end_date);
    }
  });

  it('keeps a member the same person on every claim', async () => {
    const { text } = await generateText({ rows: 4_000, defectRate: 0 });
    const people = new Map<string, string>();
    for (const record of parseClaimsCsv(text).records) {
      const person = [record.patient_first_name, record.patient_last_name, record.patient_birth_date, record.patient_gender, record.state].join('|');
      expect(people.get(record.member_id) ?? person).toBe(person);
      people.set(record.member_id, person);
    }
    expect(people.size).toBeGreaterThan(100);
  });

  it('uses only the requested states, with plausible member ids', async () => {
    const { text } = await generateText({ rows: 1_000, states: ['NY', 'CA', 'OH'], defectRate: 0 });
    const patterns: Record<string, RegExp> = { NY: /^[A-Z]{2}\d{5}[A-Z]$/, CA: /^\d{8}[A-Z]$/, OH: /^\d{12}$/ };
    const { records } = parseClaimsCsv(text);
    expect(records).toHaveLength(1_000);
    expect(new Set(records.map((record) => record.state))).toEqual(new Set(['NY', 'CA', 'OH']));
    for (const record of records) {
      expect(patterns[record.state]).toBeDefined();
      expect(record.member_id).toMatch(patterns[record.state]!);
    }
  });

  it('mixes CPT-shaped and HCPCS Level II codes and quotes names that need it', async () => {
    const { text } = await generateText({ rows: 20_000, defectRate: 0 });
    const { records } = parseClaimsCsv(text);
    const level2 = records.filter((record) => /^[A-Z]/.test(record.hcpcs_code)).length;
    expect(level2 / records.length).toBeGreaterThan(0.2);
    expect(level2 / records.length).toBeLessThan(0.4);
    expect(records.some((record) => record.patient_last_name.includes(', '))).toBe(true);
    expect(text).toMatch(/"[A-Za-z' .-]+, (Jr|Sr)\."/);
  });
});

describe('generateProfessionalClaims: sinks', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir('synthetic');
  });
  afterAll(async () => {
    await temp.cleanup();
  });

  it('writes the same bytes to a file as to a callback', async () => {
    const path = join(temp.path, 'claims.csv');
    const manifest = await writeProfessionalClaimsCsv(path, { seed: 5, rows: 4_000, asOf: TEST_AS_OF });
    const fromCallback = await generateText({ seed: 5, rows: 4_000 });
    expect(sha256(await readFile(path, 'utf8'))).toBe(sha256(fromCallback.text));
    expect(manifest).toEqual(fromCallback.manifest);
  });

  it('respects backpressure from a slow stream and leaves it open', async () => {
    const stream = new PassThrough({ highWaterMark: 1024 });
    const received: Buffer[] = [];
    let maxBuffered = 0;
    const consume = (async () => {
      for await (const chunk of stream) {
        received.push(chunk as Buffer);
        maxBuffered = Math.max(maxBuffered, stream.writableLength);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await generateProfessionalClaims({ seed: 5, rows: 4_000, asOf: TEST_AS_OF }, stream);
    expect(stream.writableEnded).toBe(false);
    stream.end();
    await consume;
    const fromCallback = await generateText({ seed: 5, rows: 4_000 });
    expect(sha256(Buffer.concat(received).toString('utf8'))).toBe(sha256(fromCallback.text));
    // Never more than one chunk (256 KiB plus the line that crossed the mark) waiting in the stream.
    expect(maxBuffered).toBeLessThanOrEqual(256 * 1024 + 1024);
  });
});
