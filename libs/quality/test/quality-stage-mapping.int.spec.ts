import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mappingProposalSchema, type AcceptedMapping } from '@ade/contracts';
import { MappingNeededError, proposalReport, runQualityStage } from '../src';
import { BILLING, delimited, PAYER_EXTRACT_HEADERS as HEADERS, payerExtractLine, RENDERING } from './public-layout-files';

const line = (n: number) => payerExtractLine(100 + n);
import { AS_OF, CATALOG, landInBronze, openQualityWorld, type QualityWorld } from './quality-stage.fixtures';

describe('quality stage on files in no known layout', () => {
  let world: QualityWorld;
  beforeEach(async () => {
    world = await openQualityWorld('quality-stage-mapping');
  });
  afterEach(() => world.cleanup());

  const land = (headers: readonly string[], rows: Array<Record<string, string>>) => landText(delimited(headers, rows, ','));
  async function landText(text: string) {
    const path = join(world.dir, `${randomUUID()}.csv`);
    await writeFile(path, text);
    const runId = randomUUID();
    await landInBronze(world.catalog, path, 'extract.csv', 'claims', runId);
    return runId;
  }
  const judge = (runId: string, mapping?: AcceptedMapping) =>
    runQualityStage(world.catalog, {
      dataType: 'professional_claims', catalog: CATALOG, table: 'claims', runId, settings: { expectations: [] }, asOf: AS_OF, referenceCacheDir: world.referenceCacheDir,
      ...(mapping ? { mapping } : {}),
    });
  const silverRows = async () => Number((await world.catalog.query(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims`))[0]!['n']);

  it('stops the run with the proposal when a required column is unsure, writing nothing past bronze; the accepted mapping then judges those rows', async () => {
    const runId = await land(HEADERS, Array.from({ length: 12 }, (_, n) => line(n)));
    const stopped = await judge(runId).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(MappingNeededError);
    const { proposal } = stopped as MappingNeededError;
    expect(proposal.missingRequired).toEqual(['billing_npi']);
    // What the worker sends the control plane must pass the contract, or the run's report is lost.
    expect(mappingProposalSchema.safeParse(proposalReport(proposal)).error).toBeUndefined();
    expect(proposal.columns.find((c) => c.source === 'PRVDR_NPI')).toMatchObject({ applied: false, evidence: { values: { probe: 'npi', share: 1, nonBlank: 12 } } });
    expect((stopped as Error).message).toBe(
      "the files' columns for billing_npi could not be mapped surely from their headers and values; review the proposed mapping (ade mapping show), then accept or edit it and run again",
    );
    expect(await world.catalog.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'silver'`)).toEqual([]);

    // What a person confirms: the proposal, with the unsure NPI column said to be the billing one.
    const columns = { ...Object.fromEntries(proposal.columns.map((c) => [c.canonical, c.source])), billing_npi: 'PRVDR_NPI', rendering_npi: 'REND_PROV' };
    const next = await land(HEADERS, [line(50)]);
    const { report } = (await judge(next, { version: 1, columns }))!;
    // The stopped run's rows are judged with the next run's: nothing landed is lost.
    expect(report.rows).toMatchObject({ input: 13, silver: 13, quarantined: 0 });
    expect(report.layout).toEqual({ id: 'accepted-mapping-v1', name: 'the mapping accepted for this pipeline, version 1' });
    expect(report.proposal).toBeUndefined();
    const billing = await world.catalog.query(`SELECT DISTINCT billing_npi, rendering_npi FROM ${CATALOG}.silver.claims`);
    expect(billing).toEqual([{ billing_npi: BILLING, rendering_npi: RENDERING }]);
  });

  it('applies a sure proposal and reports it with the quality report', async () => {
    const headers = HEADERS.map((header) => (header === 'PRVDR_NPI' ? 'BILL_PROV_NPI' : header));
    const rows = Array.from({ length: 12 }, (_, n) => {
      const { PRVDR_NPI, ...rest } = line(n);
      return { ...rest, BILL_PROV_NPI: PRVDR_NPI! };
    });
    const { report } = (await judge(await land(headers, rows)))!;
    expect(report.rows).toMatchObject({ input: 12, silver: 12 });
    expect(report.layout).toBeNull();
    expect(report.proposal?.missingRequired).toEqual([]);
    expect(report.proposal?.columns.find((c) => c.canonical === 'paid_amount')).toMatchObject({ source: 'PD_AMT', applied: true });
    expect(await silverRows()).toBe(12);
  });

  it('never profiles a file whose first row is data: its cells would travel as column names', async () => {
    const text = Array.from({ length: 12 }, (_, n) => HEADERS.map((header) => line(n)[header]).join(',')).join('\n');
    const { report } = (await judge(await landText(`${text}\n`)))!;
    expect(report.proposal).toBeUndefined();
    expect(report.rows.quarantined).toBe(11);
  });

  it('stops when bronze lacks a column the accepted mapping needs for a required column', async () => {
    const runId = await land(HEADERS, Array.from({ length: 12 }, (_, n) => line(n)));
    const stopped = await judge(runId, { version: 2, columns: { claim_id: 'CLAIM_NUMBER_GONE' } }).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(MappingNeededError);
    expect((stopped as MappingNeededError).proposal.columns.length).toBeGreaterThan(5);
  });
});
