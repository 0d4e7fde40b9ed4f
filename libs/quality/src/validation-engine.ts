import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ReferenceTable } from '@ade/healthcare';
import { loadReferenceTablesDuckDb } from '@ade/healthcare/duckdb';

const REFERENCE_SCHEMA = 'ref';

/** DuckDB's share of a validation: what it may hold in memory before it spills to disk. */
export const DEFAULT_VALIDATION_MEMORY_LIMIT = '1GB';

export interface ValidationEngineOptions {
  threads?: number;
  /** DuckDB size such as '1GB' or '512MB'; the default is DEFAULT_VALIDATION_MEMORY_LIMIT. */
  memoryLimit?: string;
  /** Where the engine's private spill directory is made (created and removed per validation); the OS temp dir by default. */
  spillRoot?: string;
}

/**
 * A private in-memory DuckDB with the healthcare reference tables loaded, for one validation.
 * Its memory is capped; past the cap its tables spill to a private directory that is removed on
 * close, so a file of any size validates in the same memory.
 */
export class ValidationEngine {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly ref: (table: ReferenceTable) => string,
    private readonly spillDirectory: string,
  ) {}

  static async open(options: ValidationEngineOptions = {}): Promise<ValidationEngine> {
    const spillDirectory = await mkdtemp(join(options.spillRoot ?? tmpdir(), 'ade-validate-'));
    try {
      const instance = await DuckDBInstance.create(':memory:', {
        autoinstall_known_extensions: 'false',
        memory_limit: options.memoryLimit ?? DEFAULT_VALIDATION_MEMORY_LIMIT,
        temp_directory: spillDirectory,
        ...(options.threads ? { threads: String(options.threads) } : {}),
      });
      const connection = await instance.connect();
      const ref = await loadReferenceTablesDuckDb(connection, REFERENCE_SCHEMA);
      return new ValidationEngine(instance, connection, ref, spillDirectory);
    } catch (error) {
      await rm(spillDirectory, { recursive: true, force: true });
      throw error;
    }
  }

  async rows(sql: string): Promise<Record<string, unknown>[]> {
    return (await this.connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
    await rm(this.spillDirectory, { recursive: true, force: true });
  }
}
