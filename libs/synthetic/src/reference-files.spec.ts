import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalSchema, isValidNpi, loadNuccTaxonomyCodes, loadStateCodes, parseCsv } from '@ade/healthcare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { DEFECT_KINDS } from './defects/defect-kinds';
import { writeProfessionalClaimsCsv } from './professional-claims';
import { writeReferenceFiles } from './reference-files';
import { ELIGIBILITY_COLUMNS, PROVIDER_COLUMNS } from './reference-files/reference-columns';
import { checkAllRows, parseClaimsCsv, parseReferenceData } from './test/claim-rules';
import { TEST_AS_OF, generateRun, generateText, sha256 } from './test/generate-text';

function table(csv: string): Array<Record<string, string>> {
  const [header = [], ...rows] = parseCsv(csv);
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index]!])));
}

describe('reference files', () => {
  it('use canonical column names of the providers and eligibility schemas, with every required column', () => {
    const providersSchema = canonicalSchema('providers');
    const eligibilitySchema = canonicalSchema('eligibility');
    const providerNames = new Set(providersSchema.columns.map((column) => column.name));
    const eligibilityNames = new Set(eligibilitySchema.columns.map((column) => column.name));
    expect(PROVIDER_COLUMNS.every((name) => providerNames.has(name))).toBe(true);
    expect(ELIGIBILITY_COLUMNS.every((name) => eligibilityNames.has(name))).toBe(true);
    const requiredProviders = providersSchema.columns.filter((c) => c.required);
    const requiredEligibility = eligibilitySchema.columns.filter((c) => c.required);
    expect(requiredProviders.length).toBeGreaterThan(0);
    expect(requiredEligibility.length).toBeGreaterThan(0);
    for (const column of requiredProviders) expect(PROVIDER_COLUMNS).toContain(column.name);
    for (const column of requiredEligibility) expect(ELIGIBILITY_COLUMNS).toContain(column.name);
  });

  it('list every NPI and cover every service date of the clean claims, with any defect kinds planted', async () => {
    const { text, manifest, providersCsv, eligibilityCsv } = await generateRun({ rows: 12_000, defectRate: 0.1, defectKinds: DEFECT_KINDS });
    const references = parseReferenceData(providersCsv, eligibilityCsv);
    const { records } = parseClaimsCsv(text);
    const defective = new Set(manifest.defectRows!.map(({ row }) => row));
    let clean = 0;
    records.forEach((record, index) => {
      if (defective.has(index + 1)) return;
      clean += 1;
      expect(references.providerNpis.has(record.billing_npi)).toBe(true);
      expect(references.providerNpis.has(record.rendering_npi)).toBe(true);
      const spans = references.spansByMember.get(record.member_id)!;
      const covering = spans.filter((span) => span.start <= record.claim_line_start_date && (span.end === null || record.claim_line_end_date <= span.end));
      expect(covering).toHaveLength(1);
    });
    expect(clean).toBe(10_800);
    expect(checkAllRows(parseClaimsCsv(text), TEST_AS_OF, references).size).toBe(1_200);
  });

  it('write one provider per NPI: valid NPIs, NUCC taxonomies, an organization or a person, a known state', async () => {
    const { providersCsv } = await generateRun({ rows: 5_000, states: ['OH', 'PA'] });
    const providers = table(providersCsv);
    expect(new Set(providers.map((p) => p.npi)).size).toBe(providers.length);
    // 25 billing groups of 6 clinicians each.
    expect(providers).toHaveLength(25 + 150);
    const nucc = loadNuccTaxonomyCodes();
    for (const provider of providers) {
      expect(isValidNpi(provider.npi!)).toBe(true);
      expect(nucc.has(provider.primary_taxonomy_code!)).toBe(true);
      expect(['OH', 'PA']).toContain(provider.practice_state);
      if (provider.entity_type_code === '2') expect(provider.provider_organization_name).not.toBe('');
      else expect(provider).toMatchObject({ entity_type_code: '1', provider_organization_name: '', provider_first_name: expect.stringMatching(/\S/) });
    }
  });

  it('write ordered, non-overlapping spans from birth on, ISO dated, for every member and some former members', async () => {
    const { text, eligibilityCsv } = await generateRun({ rows: 6_000, defectRate: 0 });
    const spans = table(eligibilityCsv);
    const states = loadStateCodes();
    const byMember = new Map<string, Array<Record<string, string>>>();
    for (const span of spans) byMember.set(span.member_id!, [...(byMember.get(span.member_id!) ?? []), span]);
    // 1,000 current members and 50 former ones.
    expect(byMember.size).toBe(1_050);
    for (const memberSpans of byMember.values()) {
      let previousEnd = '';
      for (const span of memberSpans) {
        expect(span.enrollment_start_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(span.enrollment_end_date).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
        expect(span.enrollment_start_date! >= span.birth_date!).toBe(true);
        if (span.enrollment_end_date) expect(span.enrollment_end_date >= span.enrollment_start_date!).toBe(true);
        expect(span.enrollment_start_date! > previousEnd).toBe(true);
        previousEnd = span.enrollment_end_date || '9999-12-31';
        expect(states.has(span.state!)).toBe(true);
        expect(span.plan!.startsWith(`${span.state} `)).toBe(true);
        expect(span).toMatchObject({ payer: 'Medicaid', payer_type: 'medicaid' });
      }
    }
    // The claims' members are the eligibility file's, the same people.
    const people = new Map(spans.map((span) => [span.member_id, [span.first_name, span.last_name, span.birth_date, span.gender, span.state].join('|')]));
    const { records } = parseClaimsCsv(text);
    expect(records).toHaveLength(6_000);
    for (const record of records) {
      expect(people.get(record.member_id)).toBe([record.patient_first_name, record.patient_last_name, record.patient_birth_date, record.patient_gender, record.state].join('|'));
    }
    const multiSpan = [...byMember.values()].filter((memberSpans) => memberSpans.length > 1).length;
    expect(multiSpan / byMember.size).toBeGreaterThan(0.1);
    expect(spans.some((span) => span.enrollment_end_date === '')).toBe(true);
    expect(spans.some((span) => span.enrollment_end_date > TEST_AS_OF)).toBe(true);
  });

  describe('as files', () => {
    let temp: Awaited<ReturnType<typeof makeTempDir>>;
    beforeAll(async () => {
      temp = await makeTempDir('synthetic-reference');
    });
    afterAll(async () => {
      await temp.cleanup();
    });

    it('are deterministic, equal the streamed text, and leave the claims file byte for byte as it is', async () => {
      const options = { seed: 21, rows: 4_000, asOf: TEST_AS_OF, defectRate: 0.1, defectKinds: DEFECT_KINDS };
      const paths = { providersPath: join(temp.path, 'providers.csv'), eligibilityPath: join(temp.path, 'eligibility.csv') };
      const summary = await writeReferenceFiles(options, paths);
      const claimsPath = join(temp.path, 'claims.csv');
      await writeProfessionalClaimsCsv(claimsPath, options);
      const run = await generateRun(options);
      expect(await readFile(paths.providersPath, 'utf8')).toBe(run.providersCsv);
      expect(await readFile(paths.eligibilityPath, 'utf8')).toBe(run.eligibilityCsv);
      expect(sha256(await readFile(claimsPath, 'utf8'))).toBe(sha256((await generateText(options)).text));
      expect(summary.providers).toBe(table(run.providersCsv).length);
      expect(summary.eligibility).toMatchObject({ spans: table(run.eligibilityCsv).length, currentMembers: 667, formerMembers: 34 });
      expect(await writeReferenceFiles(options, { providersPath: paths.providersPath })).toEqual({ providers: summary.providers });
    });
  });
});
