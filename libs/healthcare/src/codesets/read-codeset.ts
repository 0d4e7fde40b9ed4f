import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CodesetError } from './codeset-error';
import { codesetPath, codesetsDir } from './codesets-dir';

/**
 * The text of a shipped code-set file, gunzipped when its name ends in `.gz`, without a leading
 * BOM. Synchronous on purpose: loaders run once per process and are cached, and callers (rule
 * predicates) are synchronous.
 */
export function readCodesetText(fileName: string): string {
  const path = codesetPath(fileName);
  if (!existsSync(path)) throw new CodesetError('codeset_missing', `Code set ${fileName} is not shipped`);
  const bytes = readFileSync(path);
  const text = (fileName.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Non-empty lines, with CR stripped, for the one-code-per-line lists. */
export function readCodesetLines(fileName: string): string[] {
  return readCodesetText(fileName)
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.length > 0);
}

/** Shipped files whose name matches `pattern`, with the pattern's match, sorted by name. */
export function findCodesetFiles(pattern: RegExp): Array<{ fileName: string; match: RegExpExecArray }> {
  return readdirSync(codesetsDir())
    .sort()
    .flatMap((fileName) => {
      const match = pattern.exec(fileName);
      return match ? [{ fileName, match }] : [];
    });
}
