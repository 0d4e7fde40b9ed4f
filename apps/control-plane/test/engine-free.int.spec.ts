import { describe, expect, it } from 'vitest';

/** Native libraries this process has loaded whose path names DuckDB (its Node binding included). */
function loadedDuckDbLibraries(): string[] {
  const report = process.report.getReport() as unknown as { sharedObjects: string[] };
  return report.sharedObjects.filter((path) => /duckdb/i.test(path));
}

// Vitest gives each spec file its own process, so nothing another suite loaded can leak in here.
describe('the control plane process', () => {
  it('never loads a data engine: everything it runs is imported and DuckDB stays unloaded', async () => {
    expect(loadedDuckDbLibraries()).toEqual([]);
    await import('../src/create-app.js');
    await import('../src/database/migrate.js');
    await import('../src/secrets/reencrypt-secrets.js');
    expect(loadedDuckDbLibraries()).toEqual([]);

    // The probe sees the engine once something does load it.
    await import('@duckdb/node-api');
    expect(loadedDuckDbLibraries()).not.toEqual([]);
  });
});
