import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { X12Error } from './x12-error';
import { writeX12AsNdjson } from './write-x12-ndjson';
import { FIXTURES_DIR } from './test/x12-fixtures';

describe('writeX12AsNdjson', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'x12-ndjson-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one JSON object per service line and returns the batch without its rows', async () => {
    const output = join(dir, 'claims.ndjson');
    const summary = await writeX12AsNdjson(join(FIXTURES_DIR, '837i-two-claims.x12'), output);
    expect(summary).toEqual({
      transaction: '837I',
      dataType: 'institutional_claims',
      interchangeControlNumbers: ['000000202'],
      claims: 2,
      lines: 5,
      transactionSets: { accepted: 1, rejected: 0 },
      findings: [],
      acknowledgments: [expect.objectContaining({ groups: [expect.objectContaining({ control: '202', sets: [expect.objectContaining({ status: 'A' })] })] })],
    });
    const lines = (await readFile(output, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      const row = JSON.parse(line) as Record<string, unknown>;
      expect(Object.values(row).every((value) => value === null || typeof value === 'string')).toBe(true);
    }
    expect(JSON.parse(lines[0] as string)).toMatchObject({ claim_id: 'ICN0001', claim_line_number: '1', revenue_center_code: '0120' });
  });

  it('rejects a file none of whose transaction sets can be read with X12Error, and writes nothing', async () => {
    const input = join(dir, 'broken.x12');
    const output = join(dir, 'broken.ndjson');
    const text = await readFile(join(FIXTURES_DIR, '837p-two-claims.x12'), 'utf8');
    await writeFile(input, text.replace('*X*005010X222A1~', '*X*004010X098A1~'));
    await expect(writeX12AsNdjson(input, output)).rejects.toBeInstanceOf(X12Error);
    await expect(readFile(output)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
