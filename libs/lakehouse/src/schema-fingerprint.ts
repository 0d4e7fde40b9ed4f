import { createHash } from 'node:crypto';
import type { SchemaColumn } from '@ade/contracts';

/**
 * SHA-256 (hex) of a schema's `name:type` pairs in column order, one per line. Order counts
 * because bronze columns are positional to anyone reading the table; a newline cannot occur in a
 * type, so two different schemas never join to the same text.
 */
export function schemaFingerprint(columns: readonly SchemaColumn[]): string {
  return createHash('sha256')
    .update(columns.map((column) => `${column.name}:${column.type}`).join('\n'))
    .digest('hex');
}
