import type { DataSource } from 'typeorm';
import { inPlatformScope } from '../database/database-scope';
import { SecretBox, SecretDecryptionError } from './secret-box';

/** Every column that holds a SecretBox value. A new kind of stored secret is added here. */
export const ENCRYPTED_COLUMNS: ReadonlyArray<{ table: string; column: string }> = [
  { table: 'webhook_endpoints', column: 'secret_ciphertext' },
  { table: 'connectors', column: 'secret_ciphertext' },
  { table: 'users', column: 'mfa_secret_ciphertext' },
  { table: 'tenants', column: 'engine_secret_ciphertext' },
];

export interface ReencryptResult {
  /** Values now under the active key that were under another one. */
  reencrypted: number;
  /** Rows whose value no key of the ring can decrypt (by table and id; never the value). */
  failed: Array<{ table: string; id: string; reason: string }>;
}

const BATCH = 100;

/**
 * Key rotation: re-encrypts, under the active (first) key, every stored secret that is under
 * another key, in batches of rows locked for the update. Once it reports no failures, the old
 * keys can be removed from SECRETS_KEYS. Safe to run again, and while the control plane runs.
 */
export async function reencryptStoredSecrets(dataSource: DataSource, box: SecretBox): Promise<ReencryptResult> {
  const result: ReencryptResult = { reencrypted: 0, failed: [] };
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await inPlatformScope(dataSource, 'secret key rotation', async (tx) => {
        const batch: Array<{ id: string; value: string }> = await tx.query(
          `SELECT id, ${column} AS value FROM ${table}
            WHERE id > $1 AND ${column} IS NOT NULL AND split_part(${column}, ':', 2) <> $2
            ORDER BY id LIMIT ${BATCH} FOR UPDATE`,
          [after, box.activeKeyId],
        );
        for (const row of batch) {
          let value: string;
          try {
            value = box.reencrypt(row.value);
          } catch (error) {
            if (!(error instanceof SecretDecryptionError)) throw error;
            result.failed.push({ table, id: row.id, reason: error.message });
            continue;
          }
          await tx.query(`UPDATE ${table} SET ${column} = $1 WHERE id = $2`, [value, row.id]);
          result.reencrypted += 1;
        }
        return batch;
      });
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.id;
    }
  }
  return result;
}
