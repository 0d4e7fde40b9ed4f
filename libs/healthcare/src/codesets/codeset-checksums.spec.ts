import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codesetsDir } from './codesets-dir';

/** Files in the folder that describe the code sets rather than being one. */
const NOT_CHECKSUMMED = new Set(['SHA256SUMS', 'SOURCES.md', '.gitattributes']);
/** Fixed here as well as in SHA256SUMS: the NUCC licence requires this file to stay unchanged. */
const NUCC_TAXONOMY_SHA256 = 'f824bb50c01b721be2277eeef222b0aeb5839de07a82b25ef292df1753695a0f';

function listedChecksums(): Map<string, string> {
  const lines = readFileSync(join(codesetsDir(), 'SHA256SUMS'), 'utf8').trim().split('\n');
  return new Map(
    lines.map((line) => {
      const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (!match) throw new Error(`SHA256SUMS line is not "<sha256>  <file>": ${line}`);
      return [match[2]!, match[1]!];
    }),
  );
}

function sha256Of(fileName: string): string {
  return createHash('sha256').update(readFileSync(join(codesetsDir(), fileName))).digest('hex');
}

describe('shipped code sets', () => {
  const listed = listedChecksums();

  it.each([...listed])('%s matches SHA256SUMS', (fileName, expected) => {
    expect(sha256Of(fileName)).toBe(expected);
  });

  it('lists every file in the folder, and only those', () => {
    const present = readdirSync(codesetsDir()).filter((name) => !NOT_CHECKSUMMED.has(name));
    expect([...listed.keys()].sort()).toEqual(present.sort());
  });

  it('has a SOURCES.md entry for every file', () => {
    const sources = readFileSync(join(codesetsDir(), 'SOURCES.md'), 'utf8');
    for (const fileName of listed.keys()) expect(sources).toContain(`\`${fileName}\``);
  });

  it('keeps the NUCC taxonomy byte-identical and its copyright notice', () => {
    expect(sha256Of('nucc_taxonomy_251.csv')).toBe(NUCC_TAXONOMY_SHA256);
    expect(readFileSync(join(codesetsDir(), 'SOURCES.md'), 'utf8')).toContain('© AMA on behalf of NUCC, nucc.org');
  });
});
