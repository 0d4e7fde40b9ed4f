import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { loadReferenceTablesDuckDb, type ReferenceTable } from '@ade/healthcare';

const REFERENCE_SCHEMA = 'ref';

/**
 * A private in-memory DuckDB with the healthcare reference tables loaded, for one validation.
 * Nothing touches disk except the file being read.
 */
export class ValidationEngine {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly ref: (table: ReferenceTable) => string,
  ) {}

  static async open(options: { threads?: number } = {}): Promise<ValidationEngine> {
    const instance = await DuckDBInstance.create(':memory:', {
      autoinstall_known_extensions: 'false',
      ...(options.threads ? { threads: String(options.threads) } : {}),
    });
    const connection = await instance.connect();
    const ref = await loadReferenceTablesDuckDb(connection, REFERENCE_SCHEMA);
    return new ValidationEngine(instance, connection, ref);
  }

  async rows(sql: string): Promise<Record<string, unknown>[]> {
    return (await this.connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
