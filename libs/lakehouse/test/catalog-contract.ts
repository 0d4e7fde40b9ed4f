/**
 * The catalog port's contract, written once against `Lakehouse` and `TenantCatalog` and run
 * against every engine (see duckdb/catalog-contract.spec.ts and databricks/catalog-contract.spec.ts).
 *
 * Cases speak only the port: no engine SQL, no engine error text. Each case gets a fresh engine
 * (its own catalog name and temp dir) and provisions what it needs itself, so cases are
 * independent and can run against a live workspace whose catalogs outlive the process.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SchemaColumn, TableRef } from '@ade/contracts';
import { LakehouseError, schemaFingerprint, type CatalogLocator, type ColumnPlan, type Lakehouse, type TenantCatalog } from '@ade/lakehouse';
import { bronzeRequest, CLAIM_HEADER, claimRows, csv, landFile } from './source-files';

export interface ContractEngine {
  lakehouse: Lakehouse;
  /** A private temp dir for source files. */
  dir: string;
  /** A catalog name no other case uses; the case provisions it (or deliberately does not). */
  catalogName: string;
  /** Shuts the lakehouse down and removes what the case left (files, a live catalog). */
  cleanup(): Promise<void>;
}

export interface ContractOptions {
  /** Registers the cases as skipped (e.g. a live engine without credentials): reported, never passed. */
  skip?: boolean;
}

/** Columns every bronze row gets after the file's own, in this order, on every engine. */
const METADATA_COLUMNS = ['_source_file', '_ingested_at', '_run_id', '_rescued_data'];

export function describeCatalogContract(engine: string, setup: () => Promise<ContractEngine>, options: ContractOptions = {}): void {
  (options.skip ? describe.skip : describe)(`catalog port contract: ${engine}`, () => {
    let current: ContractEngine;
    let locator: CatalogLocator;

    beforeEach(async () => {
      current = await setup();
      locator = { tenantId: randomUUID(), catalogName: current.catalogName };
    });
    afterEach(() => current.cleanup());

    const bronze = (table: string): TableRef => ({ catalog: current.catalogName, schema: 'bronze', table });
    const provisioned = async (): Promise<TenantCatalog> => {
      await current.lakehouse.provision(locator);
      return current.lakehouse.open(locator);
    };
    /** A CSV delivery in the landing zone, with an ingest request into `table` of this case's catalog. */
    const delivery = async (displayPath: string, content: string, table = 'claims', overrides: Parameters<typeof bronzeRequest>[1] = {}) =>
      bronzeRequest(await landFile(current.dir, displayPath, content), { table: bronze(table), ...overrides });

    describe('provisioning and opening', () => {
      it('provisions idempotently, and opens the catalog afterwards', async () => {
        await current.lakehouse.provision(locator);
        await current.lakehouse.provision(locator);

        const catalog = await current.lakehouse.open(locator);
        expect(catalog.name).toBe(current.catalogName);
        expect(await catalog.tableExists(bronze('claims'))).toBe(false);
        await catalog.close();

        await current.lakehouse.provision(locator);
        const again = await current.lakehouse.open(locator);
        expect(await again.tableExists(bronze('claims'))).toBe(false);
      });

      it('refuses to open a catalog that was never provisioned, and creates nothing that a later provision trips over', async () => {
        const refused = await current.lakehouse.open(locator).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(LakehouseError);
        expect(refused).toMatchObject({ kind: 'catalog_unavailable' });

        const catalog = await provisioned();
        expect(await catalog.tableExists(bronze('claims'))).toBe(false);
      });

      it('starts empty: no bronze table, checkpoint, schema version or quarantined file', async () => {
        const catalog = await provisioned();
        const request = await delivery('claims.csv', csv(CLAIM_HEADER, claimRows(2)));

        expect(await catalog.tableExists(bronze('claims'))).toBe(false);
        expect(await catalog.registeredSchema(bronze('claims'))).toBeNull();
        expect(await catalog.findCheckpoint(request.pipelineId, request.file)).toBeNull();
        expect(await catalog.quarantinedFiles(request.pipelineId)).toEqual([]);
      });
    });

    describe('bronze ingest', () => {
      it('lands a delivery once: loaded, checkpointed, then already_ingested for a later run', async () => {
        const catalog = await provisioned();
        const first = await delivery('2024/claims-01.csv', csv(CLAIM_HEADER, claimRows(3)));

        expect(await catalog.ingestBronze(first)).toEqual({ outcome: 'loaded', rows: 3 });
        expect(await catalog.tableExists(bronze('claims'))).toBe(true);
        expect(await catalog.countRows(bronze('claims'))).toBe(3);
        expect(await catalog.findCheckpoint(first.pipelineId, first.file)).toEqual({ rows: 3, byRunId: first.runId });
        // Without a plan, columns land by name and no schema version is recorded.
        expect(await catalog.registeredSchema(bronze('claims'))).toBeNull();

        const redelivered = { ...first, runId: randomUUID() };
        expect(await catalog.ingestBronze(redelivered)).toEqual({ outcome: 'already_ingested', rows: 3, byRunId: first.runId });
        expect(await catalog.countRows(bronze('claims'))).toBe(3);
      });

      it('lands a second file with other content next to the first, and the counts add up', async () => {
        const catalog = await provisioned();
        const first = await delivery('claims-01.csv', csv(CLAIM_HEADER, claimRows(3)));
        const second = await delivery('claims-02.csv', csv(CLAIM_HEADER, claimRows(5, 100)));

        expect(await catalog.ingestBronze(first)).toEqual({ outcome: 'loaded', rows: 3 });
        expect(await catalog.ingestBronze(second)).toEqual({ outcome: 'loaded', rows: 5 });
        expect(await catalog.countRows(bronze('claims'))).toBe(8);
        expect(await catalog.findCheckpoint(second.pipelineId, second.file)).toEqual({ rows: 5, byRunId: second.runId });
      });

      it('takes a changed file under the same name as a new delivery', async () => {
        const catalog = await provisioned();
        const first = await delivery('claims.csv', csv(CLAIM_HEADER, claimRows(2)));
        expect(await catalog.ingestBronze(first)).toEqual({ outcome: 'loaded', rows: 2 });

        const changed = await delivery('claims.csv', csv(CLAIM_HEADER, claimRows(4, 50)));
        expect(changed.file.contentHash).not.toBe(first.file.contentHash);
        expect(await catalog.ingestBronze(changed)).toEqual({ outcome: 'loaded', rows: 4 });
        expect(await catalog.countRows(bronze('claims'))).toBe(6);
      });

      it('counts records, not lines: a quoted field may hold a line break', async () => {
        const catalog = await provisioned();
        const rows = claimRows(3);
        rows[1]![1] = 'Member 2\nc/o Member 3';
        const request = await delivery('claims.csv', csv(CLAIM_HEADER, rows));

        expect(await catalog.ingestBronze(request)).toEqual({ outcome: 'loaded', rows: 3 });
        expect(await catalog.countRows(bronze('claims'))).toBe(3);
      });

      it('reads a file with the delimiter the pipeline sets', async () => {
        const catalog = await provisioned();
        const request = await delivery('claims.csv', csv(CLAIM_HEADER, claimRows(4), ';'), 'claims', { options: { delimiter: ';' } });

        expect(await catalog.ingestBronze(request)).toEqual({ outcome: 'loaded', rows: 4 });
        expect((await catalog.inventory()).tables.find((entry) => entry.table.table === 'claims')?.columns).toEqual([...CLAIM_HEADER, ...METADATA_COLUMNS]);
      });

      it('refuses a file with a column the table lacks, and one with a reserved metadata column, landing nothing', async () => {
        const catalog = await provisioned();
        await catalog.ingestBronze(await delivery('claims-01.csv', csv(CLAIM_HEADER, claimRows(2))));

        const wider = await delivery('claims-02.csv', csv([...CLAIM_HEADER, 'plan_code'], claimRows(3, 10).map((row) => [...row, 'P1'])));
        const widerFailure = await catalog.ingestBronze(wider).catch((error: unknown) => error);
        expect(widerFailure).toBeInstanceOf(LakehouseError);
        expect(widerFailure).toMatchObject({ kind: 'schema_mismatch' });
        expect((widerFailure as Error).message).toContain("'plan_code'");

        const reserved = await delivery('claims-03.csv', csv([...CLAIM_HEADER, '_run_id'], claimRows(3, 20).map((row) => [...row, 'r1'])));
        await expect(catalog.ingestBronze(reserved)).rejects.toMatchObject({ kind: 'schema_mismatch' });

        expect(await catalog.countRows(bronze('claims'))).toBe(2);
        expect(await catalog.findCheckpoint(wider.pipelineId, wider.file)).toBeNull();
        expect(await catalog.findCheckpoint(reserved.pipelineId, reserved.file)).toBeNull();
      });
    });

    describe('planned ingest and schema versions', () => {
      const header = ['claim_id', 'member_name', 'plan_code', 'fax'];
      const columns: SchemaColumn[] = [
        { name: 'claim_id', type: 'VARCHAR' },
        { name: 'member_name', type: 'VARCHAR' },
        { name: 'plan_code', type: 'VARCHAR' },
      ];
      const plan = (basedOnVersion: number): ColumnPlan => ({
        land: columns.map((column) => ({ source: column.name, column: column.name, type: column.type })),
        add: [],
        rescue: [],
        ignore: ['fax'],
        schema: { fingerprint: schemaFingerprint(columns), columns },
        basedOnVersion,
      });
      const rows = (count: number, firstId: number) => claimRows(count, firstId).map(([id, name]) => [id!, name!, 'P1', '555-0100']);

      it('registers version 1 with the plan’s columns and run, and lands the planned columns only', async () => {
        const catalog = await provisioned();
        const request = await delivery('plans-01.csv', csv(header, rows(2, 1)), 'plans', { plan: plan(0) });

        expect(await catalog.ingestBronze(request)).toEqual({ outcome: 'loaded', rows: 2 });

        expect(await catalog.registeredSchema(bronze('plans'))).toEqual({
          version: 1,
          fingerprint: schemaFingerprint(columns),
          columns,
          runId: request.runId,
          sourceFile: 'plans-01.csv',
          recordedAt: expect.any(Date),
        });
        expect(await catalog.countRows(bronze('plans'))).toBe(2);
        const table = (await catalog.inventory()).tables.find((entry) => entry.table.table === 'plans');
        expect(table?.columns).toEqual([...columns.map((column) => column.name), ...METADATA_COLUMNS]);
      });

      it('refuses a plan made from a version that is no longer the latest, landing nothing', async () => {
        const catalog = await provisioned();
        const first = await delivery('plans-01.csv', csv(header, rows(2, 1)), 'plans', { plan: plan(0) });
        await catalog.ingestBronze(first);

        const stale = await delivery('plans-02.csv', csv(header, rows(3, 10)), 'plans', { plan: plan(0) });
        const failure = await catalog.ingestBronze(stale).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(LakehouseError);
        expect(failure).toMatchObject({ kind: 'conflict' });

        expect(await catalog.countRows(bronze('plans'))).toBe(2);
        expect(await catalog.registeredSchema(bronze('plans'))).toMatchObject({ version: 1, runId: first.runId });
        expect(await catalog.findCheckpoint(stale.pipelineId, stale.file)).toBeNull();

        const fresh = await delivery('plans-03.csv', csv(header, rows(1, 20)), 'plans', { plan: plan(1) });
        expect(await catalog.ingestBronze(fresh)).toEqual({ outcome: 'loaded', rows: 1 });
        expect(await catalog.registeredSchema(bronze('plans'))).toMatchObject({ version: 1, runId: first.runId });
      });
    });

    describe('quarantine', () => {
      it('records a delivery once however often it is quarantined, per pipeline', async () => {
        const catalog = await provisioned();
        const request = await delivery('broken.csv', 'claim_id,member_name\n"unterminated\n');
        const entry = { pipelineId: request.pipelineId, runId: request.runId, file: request.file, reason: "source file 'broken.csv' could not be read as csv" };

        await catalog.quarantineFile(entry);
        await catalog.quarantineFile({ ...entry, runId: randomUUID(), reason: 'a later run says something else' });

        const listed = await catalog.quarantinedFiles(request.pipelineId);
        expect(listed).toEqual([{ sourceFile: 'broken.csv', contentHash: request.file.contentHash, runId: request.runId, reason: entry.reason, quarantinedAt: expect.any(Date) }]);
        expect(Number.isNaN(listed[0]!.quarantinedAt.getTime())).toBe(false);
        expect(await catalog.quarantinedFiles(randomUUID())).toEqual([]);
      });
    });

    describe('inventory', () => {
      it('lists the layout schemas and each table with its columns and row count', async () => {
        const catalog = await provisioned();
        await catalog.ingestBronze(await delivery('claims.csv', csv(CLAIM_HEADER, claimRows(4))));

        const inventory = await catalog.inventory();
        expect(inventory.schemas).toEqual(expect.arrayContaining(['bronze', 'silver', 'gold', '_system']));
        const claims = inventory.tables.filter((entry) => entry.table.schema === 'bronze');
        expect(claims).toHaveLength(1);
        expect(claims[0]).toMatchObject({ table: bronze('claims'), columns: [...CLAIM_HEADER, ...METADATA_COLUMNS], rows: 4 });
        for (const entry of inventory.tables) expect(entry.table.catalog).toBe(current.catalogName);
      });
    });

    describe('reference tables', () => {
      it('makes a code set readable by the session under the name it returns, the same name for the same content', async () => {
        const catalog = await provisioned();
        const path = join(current.dir, 'icd10cm_validity.csv');
        // A quoted code holding the delimiter and a quote: the worker's CSV doubles quotes.
        await writeFile(path, 'code,valid_from,valid_to\nE119,2015-10-01,9999-12-31\n"Z,""9",2020-10-01,2021-09-30\nU071,2020-04-01,9999-12-31\n');
        const file = { name: 'icd10cm_validity', contentHash: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', path, columns: [{ name: 'code', type: 'VARCHAR' as const }, { name: 'valid_from', type: 'DATE' as const }, { name: 'valid_to', type: 'DATE' as const }] };

        const name = await catalog.referenceTable(file);
        expect(Number((await catalog.query(`SELECT count(*) AS n FROM ${name}`))[0]!['n'])).toBe(3);
        expect(await catalog.referenceTable(file)).toBe(name);
      });
    });

    describe('session lifecycle', () => {
      it('refuses every call once the session is closed', async () => {
        const catalog = await provisioned();
        const request = await delivery('claims.csv', csv(CLAIM_HEADER, claimRows(1)));
        await catalog.close();

        const closed = `catalog session '${current.catalogName}' is closed`;
        await expect(catalog.tableExists(bronze('claims'))).rejects.toThrow(closed);
        await expect(catalog.countRows(bronze('claims'))).rejects.toThrow(closed);
        await expect(catalog.ingestBronze(request)).rejects.toThrow(closed);
        await expect(catalog.findCheckpoint(request.pipelineId, request.file)).rejects.toThrow(closed);
        await expect(catalog.quarantinedFiles(request.pipelineId)).rejects.toThrow(closed);
        await expect(catalog.inventory()).rejects.toThrow(closed);
        await expect(catalog.query('SELECT 1 AS one')).rejects.toThrow(closed);
        // A second close is harmless.
        await catalog.close();
      });
    });
  });
}
