import { readFileSync } from 'node:fs';
import type { DataType } from '@ade/contracts';
import type { z } from 'zod';
import type { LayoutDescriptor } from './layout';
import { LayoutError } from './layout-error';
import { mappingFileSchema } from './layout.schema';

/** A user's own mapping of a file's columns, read from `--mapping FILE.json`. */
export interface MappingFile {
  path: string;
  dataType: DataType;
  columns: LayoutDescriptor['columns'];
  notApplicable: LayoutDescriptor['notApplicable'];
  notCarried: LayoutDescriptor['notCarried'];
}

/** Reads and validates a mapping file; a bad one is refused with the file and key named. */
export function readMappingFile(path: string): MappingFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `not valid JSON: ${(error as Error).message}`;
    throw new LayoutError('mapping_invalid', `${path}: ${reason}`);
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) throw new LayoutError('mapping_invalid', parsed.error.issues.map((issue) => `${path}: ${issuePath(issue)}: ${issue.message}`).join('\n'));
  return { path, ...(parsed.data as Omit<MappingFile, 'path'>) };
}

export function issuePath(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return path === '' ? '(file)' : path;
}
