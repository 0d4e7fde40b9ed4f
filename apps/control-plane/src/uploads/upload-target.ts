import { posix } from 'node:path';
import { sourcePathProblem, sourceSelection, type SourceFormat } from '@ade/contracts';

/** A file name a sender may upload: one path segment, no control characters, no leading dot. */
const FILE_NAME = /^[^/\\\u0000-\u001f\u007f.][^/\\\u0000-\u001f\u007f]{0,254}$/;

/**
 * Where an uploaded file must go, relative to the tenant's landing zone, for the pipeline's runs to
 * take it: into the source directory when the name fits the format (or the pattern); as the source
 * file itself when the source names one file. Null, with the reason, when no run would take it.
 */
export function uploadTarget(source: { path: string; format: SourceFormat }, fileName: string): { path: string } | { problem: string } {
  if (!FILE_NAME.test(fileName) || fileName.normalize('NFKC') !== fileName || sourcePathProblem(fileName)) {
    return { problem: 'must be a plain file name: no slashes, control characters or leading dot' };
  }
  const selection = sourceSelection(source.path, source.format);
  const directory = selection.directory === '.' ? '' : posix.normalize(selection.directory).replace(/\/$/, '');
  if (selection.pattern) {
    return selection.accepts(fileName) ? { path: posix.join(directory, fileName) } : { problem: `does not match the pipeline's source pattern ${source.path}` };
  }
  // A source that names a file (it has an extension) takes that file and no other.
  if (posix.extname(source.path) !== '' && !source.path.endsWith('/')) {
    return fileName === posix.basename(source.path) ? { path: posix.normalize(source.path) } : { problem: `must be ${posix.basename(source.path)}: the pipeline reads that one file` };
  }
  return selection.accepts(fileName) ? { path: posix.join(directory, fileName) } : { problem: `has no extension the pipeline's ${source.format} source reads` };
}
