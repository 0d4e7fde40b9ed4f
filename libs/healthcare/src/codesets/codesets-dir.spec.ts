import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodesetError } from './codeset-error';
import { codesetPath, codesetsDir, findCodesetsDir } from './codesets-dir';

const repoRoot = resolve(__dirname, '../../../..');
const expectedDir = join(repoRoot, 'libs', 'healthcare', 'codesets');

describe('codesetsDir', () => {
  it('finds the folder from the TypeScript sources', () => {
    expect(codesetsDir()).toBe(expectedDir);
    expect(existsSync(codesetPath('SHA256SUMS'))).toBe(true);
  });

  it('finds the same folder from where the compiled module lives', () => {
    expect(findCodesetsDir(join(repoRoot, 'dist', 'libs', 'healthcare', 'src', 'codesets'))).toBe(expectedDir);
  });

  it('says so when no code sets are above the module', () => {
    expect(() => findCodesetsDir(tmpdir())).toThrow(CodesetError);
  });
});
