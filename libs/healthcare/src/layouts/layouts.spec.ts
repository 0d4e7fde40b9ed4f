import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { makeTempDir } from '@ade/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { columnNameProblem } from '@ade/contracts';
import { looksLikeData } from '../profiling/header-words';
import { canonicalSchema } from '../schemas/canonical-schemas';
import { LayoutError } from './layout-error';
import { numberedHeader, type LayoutDescriptor, type LayoutSource } from './layout';
import { layoutsDir, loadLayouts } from './load-layouts';
import { readMappingFile } from './mapping-file';
import { LINE_NUMBER_COLUMN, mapLayout, recognizeLayout } from './recognize-layout';
import {
  CCLF1_PART_A_HEADER_HEADERS,
  CCLF2_PART_A_REVENUE_HEADERS,
  CCLF5_PART_B_PHYSICIAN_HEADERS,
  CCLF6_PART_B_DME_HEADERS,
  CCLF7_PART_D_HEADERS,
  CCLF8_BENEFICIARY_DEMOGRAPHICS_HEADERS,
  CCW_CARRIER_HEADERS,
  CCW_DME_HEADERS,
  CCW_HHA_HEADERS,
  CCW_HOSPICE_HEADERS,
  CCW_INPATIENT_HEADERS,
  CCW_OUTPATIENT_HEADERS,
  CCW_PDE_HEADERS,
  CCW_SNF_HEADERS,
  DE_SYNPUF_CARRIER_HEADERS,
  DE_SYNPUF_INPATIENT_HEADERS,
  DE_SYNPUF_OUTPATIENT_HEADERS,
  DE_SYNPUF_PDE_HEADERS,
  NPPES_HEADERS,
  SYNTHEA_CLAIMS_HEADERS,
} from '@ade/synthetic';

const repoRoot = resolve(__dirname, '../../../..');

const PUBLISHED: Array<[string, readonly string[]]> = [
  ['cms-cclf1-part-a-header', CCLF1_PART_A_HEADER_HEADERS],
  ['cms-cclf2-part-a-revenue', CCLF2_PART_A_REVENUE_HEADERS],
  ['cms-cclf5-part-b-physician', CCLF5_PART_B_PHYSICIAN_HEADERS],
  ['cms-cclf6-part-b-dme', CCLF6_PART_B_DME_HEADERS],
  ['cms-cclf7-part-d', CCLF7_PART_D_HEADERS],
  ['cms-cclf8-beneficiary-demographics', CCLF8_BENEFICIARY_DEMOGRAPHICS_HEADERS],
  ['cms-ccw-pde', CCW_PDE_HEADERS],
  ['cms-ccw-rif-carrier', CCW_CARRIER_HEADERS],
  ['cms-ccw-rif-dme', CCW_DME_HEADERS],
  ['cms-ccw-rif-hha', CCW_HHA_HEADERS],
  ['cms-ccw-rif-hospice', CCW_HOSPICE_HEADERS],
  ['cms-ccw-rif-inpatient', CCW_INPATIENT_HEADERS],
  ['cms-ccw-rif-outpatient', CCW_OUTPATIENT_HEADERS],
  ['cms-ccw-rif-snf', CCW_SNF_HEADERS],
  ['cms-de-synpuf-carrier', DE_SYNPUF_CARRIER_HEADERS],
  ['cms-de-synpuf-inpatient', DE_SYNPUF_INPATIENT_HEADERS],
  ['cms-de-synpuf-outpatient', DE_SYNPUF_OUTPATIENT_HEADERS],
  ['cms-de-synpuf-pde', DE_SYNPUF_PDE_HEADERS],
  ['nppes-npi-registry', NPPES_HEADERS],
  ['synthea-claims', SYNTHEA_CLAIMS_HEADERS],
];

/** Every header a source reads. */
function headersOf(source: LayoutSource): string[] {
  if (typeof source === 'string') return [source];
  if ('concat' in source) return [...source.concat];
  if ('constant' in source) return [];
  if ('flagged' in source) return [source.flagged.value, source.flagged.flag];
  const { value, flag, from, to } = source.firstFlagged;
  return Array.from({ length: to - from + 1 }, (_, i) => [numberedHeader(value, from + i), numberedHeader(flag, from + i)]).flat();
}

const byId = (id: string): LayoutDescriptor => loadLayouts().find((layout) => layout.id === id)!;

describe('shipped layouts', () => {
  it('are found from the sources and from where the compiled module lives', () => {
    const shipped = join(repoRoot, 'libs', 'healthcare', 'layouts');
    expect(layoutsDir()).toBe(shipped);
    expect(layoutsDir(join(repoRoot, 'dist', 'libs', 'healthcare', 'src', 'layouts'))).toBe(shipped);
    expect(() => layoutsDir('/')).toThrow(new LayoutError('layouts_dir_not_found', `No libs/healthcare/layouts folder above /; ship the layouts with the build`));
  });

  it('all validate, and every header a descriptor reads is one its published layout has', () => {
    const layouts = loadLayouts();
    expect(layouts.map((layout) => layout.id)).toEqual(PUBLISHED.map(([id]) => id).sort());
    for (const [id, headers] of PUBLISHED) {
      const layout = byId(id);
      const published = new Set(headers);
      const lineHeaders = Object.values(layout.lines?.columns ?? {}).flatMap((pattern) =>
        Array.from({ length: layout.lines!.to - layout.lines!.from + 1 }, (_, i) => numberedHeader(pattern, layout.lines!.from + i)),
      );
      const read = [...layout.identifiedBy, ...Object.values(layout.columns).flatMap(headersOf), ...lineHeaders];
      expect(read.filter((header) => !published.has(header)), id).toEqual([]);
    }
  });

  it.each(PUBLISHED)('has every header of %s read as a column name, never as a value (they leave the data plane)', (_id, headers) => {
    expect(headers.filter((header) => columnNameProblem(header) !== null)).toEqual([]);
    expect(headers.filter((header) => looksLikeData(header))).toEqual([]);
  });

  it('map every required column of their data type', () => {
    for (const [id, headers] of PUBLISHED) {
      const layout = byId(id);
      expect(mapLayout(headers, layout, canonicalSchema(layout.dataType)).missingRequired, id).toEqual([]);
    }
  });
});

describe('recognizeLayout', () => {
  it.each(PUBLISHED)('recognises %s from its published header row', (id, headers) => {
    expect(recognizeLayout(headers)?.id).toBe(id);
  });

  it('recognises a layout whatever the case and separators of its headers (a lower-cased warehouse extract)', () => {
    expect(recognizeLayout(CCW_CARRIER_HEADERS.map((h) => h.toLowerCase()))?.id).toBe('cms-ccw-rif-carrier');
    expect(recognizeLayout(NPPES_HEADERS.map((h) => h.replaceAll(' ', '_').toUpperCase()))?.id).toBe('nppes-npi-registry');
  });

  it('recognises nothing when one identifying header is missing, or in a file of canonical columns', () => {
    const carrier = byId('cms-ccw-rif-carrier');
    for (const missing of carrier.identifiedBy) {
      expect(recognizeLayout(CCW_CARRIER_HEADERS.filter((h) => h !== missing)), missing).toBeNull();
    }
    expect(recognizeLayout(canonicalSchema('professional_claims').columns.map((c) => c.name))).toBeNull();
    expect(recognizeLayout([])).toBeNull();
  });

  it('prefers, among layouts a file fully matches, the one that finds most of its columns', () => {
    const narrow: LayoutDescriptor = { ...byId('cms-ccw-rif-carrier'), id: 'a-narrow', columns: { claim_id: 'CLM_ID' } };
    expect(recognizeLayout(CCW_CARRIER_HEADERS, [narrow, byId('cms-ccw-rif-carrier')])?.id).toBe('cms-ccw-rif-carrier');
    expect(recognizeLayout(CCW_CARRIER_HEADERS, [byId('cms-ccw-rif-carrier'), narrow])?.id).toBe('cms-ccw-rif-carrier');
  });

  it('counts a column found only when the file has all a concatenation needs, or one flagged pair', () => {
    const carrier = byId('cms-ccw-rif-carrier');
    const base = { ...carrier, columns: { claim_id: 'CLM_ID' } };
    const halfConcat: LayoutDescriptor = { ...base, id: 'a-half-concat', columns: { ...base.columns, claim_type: { concat: ['NCH_CLM_TYPE_CD', 'ABSENT'] } } };
    const fullConcat: LayoutDescriptor = { ...base, id: 'b-full-concat', columns: { ...base.columns, claim_type: { concat: ['NCH_CLM_TYPE_CD', 'CARR_NUM'] } } };
    expect(recognizeLayout(CCW_CARRIER_HEADERS, [halfConcat, fullConcat])?.id).toBe('b-full-concat');
    const flags = (value: string, flag: string) => ({ firstFlagged: { value, flag, equals: 'Y', from: 1, to: 12 } });
    const unpaired: LayoutDescriptor = { ...base, id: 'a-unpaired', columns: { ...base.columns, claim_type: flags('ICD_DGNS_CD{n}', 'ABSENT_{n}') } };
    const paired: LayoutDescriptor = { ...base, id: 'b-paired', columns: { ...base.columns, claim_type: flags('ICD_DGNS_CD{n}', 'ICD_DGNS_VRSN_CD{n}') } };
    expect(recognizeLayout(CCW_CARRIER_HEADERS, [unpaired, paired])?.id).toBe('b-paired');
    const lastPairOnly = CCW_CARRIER_HEADERS.filter((h) => !/^ICD_DGNS_(VRSN_)?CD([1-9]|1[01])$/.test(h));
    expect(recognizeLayout(lastPairOnly, [unpaired, paired])?.id).toBe('b-paired');
  });

  it('prefers the layout that finds more of the file, not the one that declares more columns', () => {
    const carrier = byId('cms-ccw-rif-carrier');
    const fewButPresent: LayoutDescriptor = { ...carrier, id: 'b-present', columns: { claim_id: 'CLM_ID', member_id: 'BENE_ID' } };
    const manyAbsent: LayoutDescriptor = { ...carrier, id: 'a-absent', columns: { claim_id: 'CLM_ID', member_id: 'NOPE1', payer: 'NOPE2', plan: 'NOPE3' } };
    expect(recognizeLayout(CCW_CARRIER_HEADERS, [manyAbsent, fewButPresent])?.id).toBe('b-present');
  });

  it('breaks a tie in columns found by the more specific identification, then by id', () => {
    const carrier = byId('cms-ccw-rif-carrier');
    const looser: LayoutDescriptor = { ...carrier, id: 'a-looser', identifiedBy: carrier.identifiedBy.slice(0, 3) };
    expect(recognizeLayout(CCW_CARRIER_HEADERS, [looser, carrier])?.id).toBe('cms-ccw-rif-carrier');
    const twin: LayoutDescriptor = { ...carrier, id: 'a-twin' };
    expect(recognizeLayout(CCW_CARRIER_HEADERS, [carrier, twin])?.id).toBe('a-twin');
  });
});

describe('mapLayout', () => {
  it('maps each canonical column to the header as the file spells it, and reports the rest as unmapped', () => {
    const headers = CCW_CARRIER_HEADERS.map((h) => h.toLowerCase());
    const mapping = mapLayout(headers, byId('cms-ccw-rif-carrier'), canonicalSchema('professional_claims'));
    expect(mapping.mapped).toContainEqual({ source: 'clm_id', canonical: 'claim_id', by: 'layout' });
    expect(mapping.mapped).toContainEqual({ source: 'line_1st_expns_dt', canonical: 'claim_line_start_date', by: 'layout' });
    expect(mapping.mapped).toContainEqual({ source: 'icd_dgns_cd12', canonical: 'diagnosis_code_12', by: 'layout' });
    expect(mapping.mapped.map((m) => m.canonical)).not.toContain('facility_npi');
    expect(mapping.unmapped).toContain('prncpal_dgns_cd');
    expect(mapping.unmapped).not.toContain('clm_id');
    expect(mapping.mapped.length + mapping.unmapped.length).toBe(headers.length);
    expect(mapping.derived).toEqual([]);
    expect(mapping.duplicates).toEqual([]);
  });

  it('derives the type of bill from its three CCW fields, in schema order', () => {
    const mapping = mapLayout(CCW_INPATIENT_HEADERS, byId('cms-ccw-rif-inpatient'), canonicalSchema('institutional_claims'));
    const billType = mapping.derived.find((d) => d.canonical === 'bill_type_code')!;
    expect(billType.name).toBe('CLM_FAC_TYPE_CD || CLM_SRVC_CLSFCTN_TYPE_CD || CLM_FREQ_CD');
    expect(billType.sql((h) => `r."${h}"`)).toBe(
      `NULLIF(concat(coalesce(trim(r."CLM_FAC_TYPE_CD"), ''), coalesce(trim(r."CLM_SRVC_CLSFCTN_TYPE_CD"), ''), coalesce(trim(r."CLM_FREQ_CD"), '')), '')`,
    );
    expect(mapping.mapped).toContainEqual({ source: billType.name, canonical: 'bill_type_code', by: 'layout' });
    for (const part of ['CLM_FAC_TYPE_CD', 'CLM_SRVC_CLSFCTN_TYPE_CD', 'CLM_FREQ_CD']) expect(mapping.unmapped).not.toContain(part);
    const order = canonicalSchema('institutional_claims').columns.map((c) => c.name);
    const positions = mapping.mapped.map((m) => order.indexOf(m.canonical));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('leaves out a concatenation one of whose fields the file lacks', () => {
    const headers = CCW_INPATIENT_HEADERS.filter((h) => h !== 'CLM_FREQ_CD');
    const mapping = mapLayout(headers, byId('cms-ccw-rif-inpatient'), canonicalSchema('institutional_claims'));
    expect(mapping.derived).toEqual([]);
    expect(mapping.missingRequired).toEqual(['bill_type_code']);
    expect(mapping.unmapped).toContain('CLM_FAC_TYPE_CD');
  });

  it('takes the NPPES primary taxonomy from the slot its switch flags, over the slots the file has', () => {
    const headers = NPPES_HEADERS.filter((h) => !/_(1[0-5])$/.test(h) || !h.startsWith('Healthcare Provider'));
    const mapping = mapLayout(headers, byId('nppes-npi-registry'), canonicalSchema('providers'));
    const primary = mapping.derived.find((d) => d.canonical === 'primary_taxonomy_code')!;
    expect(primary.name).toBe('Healthcare Provider Taxonomy Code_{n} where Healthcare Provider Primary Taxonomy Switch_{n} = Y');
    const sql = primary.sql((h) => `"${h}"`);
    expect(sql.startsWith(`CASE WHEN trim("Healthcare Provider Primary Taxonomy Switch_1") = 'Y' THEN "Healthcare Provider Taxonomy Code_1" WHEN`)).toBe(true);
    expect(sql.match(/WHEN/g)).toHaveLength(9);
    expect(sql.endsWith(`THEN "Healthcare Provider Taxonomy Code_9" END`)).toBe(true);
    const medicaid = mapping.derived.find((d) => d.canonical === 'medicaid_provider_id')!;
    expect(medicaid.sql((h) => `"${h}"`).match(/= '05' THEN/g)).toHaveLength(50);
    expect(mapping.mapped).toContainEqual({ source: 'Healthcare Provider Taxonomy Code_3', canonical: 'taxonomy_code_3', by: 'layout' });
    expect(mapping.unmapped).not.toContain('Healthcare Provider Primary Taxonomy Switch_2');
    expect(mapping.unmapped).toContain('Provider License Number_1');
  });

  it('leaves out a flagged column when the file has none of its slots', () => {
    const headers = NPPES_HEADERS.filter((h) => !h.startsWith('Healthcare Provider Primary Taxonomy Switch_'));
    const mapping = mapLayout(headers, byId('nppes-npi-registry'), canonicalSchema('providers'));
    expect(mapping.derived.map((d) => d.canonical)).toEqual(['medicaid_provider_id']);
    expect(mapping.missingRequired).toEqual(['primary_taxonomy_code']);
  });

  it('reads a header the file spells twice (up to case and separators) from its first spelling', () => {
    const mapping = mapLayout(['CLM_ID', 'clm id', 'LINE_NUM'], byId('cms-ccw-rif-carrier'), canonicalSchema('professional_claims'));
    expect(mapping.mapped.slice(0, 2)).toEqual([
      { source: 'CLM_ID', canonical: 'claim_id', by: 'layout' },
      { source: 'LINE_NUM', canonical: 'claim_line_number', by: 'layout' },
    ]);
    expect(mapping.unmapped).toEqual(['clm id']);
  });

  it('reads a Part D pharmacy id as the dispensing NPI only where its qualifier says NPI (01)', () => {
    const mapping = mapLayout(CCW_PDE_HEADERS, byId('cms-ccw-pde'), canonicalSchema('pharmacy_claims'));
    const pharmacy = mapping.derived.find((d) => d.canonical === 'dispensing_provider_npi')!;
    expect(pharmacy.name).toBe('SRVC_PRVDR_ID where SRVC_PRVDR_ID_QLFYR_CD = 01');
    expect(pharmacy.sql((h) => `"${h}"`)).toBe(`CASE WHEN trim("SRVC_PRVDR_ID_QLFYR_CD") = '01' THEN "SRVC_PRVDR_ID" END`);
    expect(mapping.unmapped).not.toContain('SRVC_PRVDR_ID_QLFYR_CD');
    expect(mapping.mapped).toContainEqual({ source: pharmacy.name, canonical: 'dispensing_provider_npi', by: 'layout' });
    const headers = CCW_PDE_HEADERS.filter((h) => h !== 'SRVC_PRVDR_ID_QLFYR_CD');
    expect(mapLayout(headers, byId('cms-ccw-pde'), canonicalSchema('pharmacy_claims')).missingRequired).toEqual(['dispensing_provider_npi']);
  });

  it('gives every row of a one-fill-per-row layout the same line number, reading no header for it', () => {
    const mapping = mapLayout(CCW_PDE_HEADERS, byId('cms-ccw-pde'), canonicalSchema('pharmacy_claims'));
    const line = mapping.derived.find((d) => d.canonical === 'claim_line_number')!;
    expect(line.name).toBe("'1'");
    expect(line.sql(() => 'unused')).toBe("'1'");
    expect(mapLayout(CCW_PDE_HEADERS, { columns: { claim_line_number: { constant: "it's" } }, notCarried: {} }, canonicalSchema('pharmacy_claims')).derived[0]!.sql(() => '')).toBe("'it''s'");
  });

  it('reports a required column the layout does not carry as not carried, not missing', () => {
    const cclf5 = byId('cms-cclf5-part-b-physician');
    const mapping = mapLayout(CCLF5_PART_B_PHYSICIAN_HEADERS, cclf5, canonicalSchema('professional_claims'));
    expect(mapping.missingRequired).toEqual([]);
    expect(mapping.mapped.map((m) => m.canonical)).not.toContain('billing_npi');
    expect(mapLayout(CCLF5_PART_B_PHYSICIAN_HEADERS, { ...cclf5, notCarried: {} }, canonicalSchema('professional_claims')).missingRequired).toEqual(['billing_npi', 'charge_amount']);
  });

  it('reads a SNF file as SNF, never as inpatient (whose identification it lacks)', () => {
    expect(recognizeLayout(CCW_SNF_HEADERS)?.id).toBe('cms-ccw-rif-snf');
    expect(byId('cms-ccw-rif-inpatient').identifiedBy.every((h) => CCW_SNF_HEADERS.includes(h))).toBe(false);
  });

  it('reads DE-SynPUF lines side by side as one line column per canonical column, numbered by n', () => {
    const mapping = mapLayout(DE_SYNPUF_CARRIER_HEADERS, byId('cms-de-synpuf-carrier'), canonicalSchema('professional_claims'));
    expect(mapping.lines).toMatchObject({ from: 1, to: 13, number: LINE_NUMBER_COLUMN });
    const hcpcs = mapping.lines!.columns.find((c) => c.canonical === 'hcpcs_code')!;
    expect(hcpcs.name).toBe('HCPCS_CD_{n}');
    expect([...hcpcs.slots]).toEqual(Array.from({ length: 13 }, (_, i) => [i + 1, `HCPCS_CD_${i + 1}`]));
    expect(mapping.mapped).toContainEqual({ source: '{n}', canonical: 'claim_line_number', by: 'layout' });
    expect(mapping.mapped).toContainEqual({ source: 'LINE_NCH_PMT_AMT_{n}', canonical: 'paid_amount', by: 'layout' });
    expect(mapping.unmapped).not.toContain('HCPCS_CD_13');
    // Fields the layout does not read stay reported.
    expect(mapping.unmapped).toContain('TAX_NUM_1');
    expect(mapping.missingRequired).toEqual([]);
  });

  it('counts the line columns a file has, and only those, when choosing among layouts', () => {
    const synpuf = byId('cms-de-synpuf-carrier');
    // A rival that reads one more single column but no lines: the lines' six columns outweigh it.
    const moreColumns: LayoutDescriptor = { ...synpuf, id: 'a-more-columns', lines: undefined, columns: { ...synpuf.columns, rendering_npi: 'PRF_PHYSN_NPI_1' } };
    expect(recognizeLayout(DE_SYNPUF_CARRIER_HEADERS, [moreColumns, synpuf])?.id).toBe('cms-de-synpuf-carrier');
    // A rival whose line columns the file does not have finds none of them, and loses though its id sorts first.
    const absent = Object.fromEntries(Object.keys(synpuf.lines!.columns).map((canonical) => [canonical, `NOT_IN_FILE_${canonical}_{n}`]));
    const absentLines: LayoutDescriptor = { ...synpuf, id: 'a-absent-lines', lines: { from: 1, to: 13, columns: absent } };
    expect(recognizeLayout(DE_SYNPUF_CARRIER_HEADERS, [absentLines, synpuf])?.id).toBe('cms-de-synpuf-carrier');
  });

  it('keeps only the line numbers a file has, and leaves out a line column it has none of', () => {
    const headers = DE_SYNPUF_CARRIER_HEADERS.filter((h) => !/^HCPCS_CD_(1[0-3]|[4-9])$/.test(h) && !h.startsWith('LINE_COINSRNC_AMT_'));
    const mapping = mapLayout(headers, byId('cms-de-synpuf-carrier'), canonicalSchema('professional_claims'));
    expect([...mapping.lines!.columns.find((c) => c.canonical === 'hcpcs_code')!.slots.keys()]).toEqual([1, 2, 3]);
    expect(mapping.lines!.columns.map((c) => c.canonical)).not.toContain('coinsurance_amount');
    expect(mapLayout(CCW_CARRIER_HEADERS, byId('cms-ccw-rif-carrier'), canonicalSchema('professional_claims')).lines).toBeNull();
  });

  it('reads a line column without {n} as the claim-level value of the first line only', () => {
    const mapping = mapLayout(DE_SYNPUF_OUTPATIENT_HEADERS, byId('cms-de-synpuf-outpatient'), canonicalSchema('institutional_claims'));
    const slots = (canonical: string) => [...mapping.lines!.columns.find((c) => c.canonical === canonical)!.slots];
    expect(slots('paid_amount')).toEqual([[1, 'CLM_PMT_AMT']]);
    expect(slots('hcpcs_code')).toHaveLength(45);
    expect(slots('hcpcs_code')[44]).toEqual([45, 'HCPCS_CD_45']);
    const without = mapLayout(DE_SYNPUF_OUTPATIENT_HEADERS.filter((h) => h !== 'CLM_PMT_AMT'), byId('cms-de-synpuf-outpatient'), canonicalSchema('institutional_claims'));
    expect(without.lines!.columns.map((c) => c.canonical)).not.toContain('paid_amount');
  });

  it('quotes the flag value it compares with', () => {
    const columns = { primary_taxonomy_code: { firstFlagged: { value: 'Code_{n}', flag: 'Flag_{n}', equals: "Y'", from: 1, to: 2 } } };
    const mapping = mapLayout(["Code_1", "Flag_1", "Code_2"], { columns, notCarried: {} }, canonicalSchema('providers'));
    expect(mapping.derived[0]!.sql((h) => h)).toBe(`CASE WHEN trim(Flag_1) = 'Y''' THEN Code_1 END`);
    expect(mapping.unmapped).toEqual(['Code_2']);
  });
});

describe('loadLayouts', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  async function folderWith(files: Record<string, unknown>): Promise<string> {
    const temp = await makeTempDir('layouts');
    cleanup = temp.cleanup;
    const dir = join(temp.path, 'layouts');
    await mkdir(dir);
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    return dir;
  }

  const good = {
    id: 'x-layout',
    name: 'A layout',
    dataType: 'providers',
    source: { publisher: 'P', document: 'D', url: 'https://example.org/layout' },
    identifiedBy: ['A', 'B', 'C'],
    columns: { npi: 'A', primary_taxonomy_code: { concat: ['B', 'C'] } },
  };

  it('loads a folder of valid descriptors, with no rule marked not applicable by default', async () => {
    const dir = await folderWith({ 'x-layout.json': good, 'a-layout.json': { ...good, id: 'a-layout' }, 'notes.md': '# ignored' });
    const layouts = loadLayouts(dir);
    expect(layouts.map((l) => l.id).sort()).toEqual(['a-layout', 'x-layout']);
    expect(layouts[0]!.notApplicable).toEqual({});
    expect(loadLayouts(dir)).toBe(layouts);
  });

  it.each([
    ['a file name that is not an id', { 'X Layout.json': good }, 'layouts/X Layout.json: file name must be lower-case letters, digits and dashes'],
    ['a file name with a second extension', { 'x.json.json': good }, 'layouts/x.json.json: file name must be lower-case letters, digits and dashes'],
    ['an empty name', { 'x-layout.json': { ...good, name: '' } }, 'layouts/x-layout.json: name: must not be empty'],
    ['a blank name', { 'x-layout.json': { ...good, name: '   ' } }, 'layouts/x-layout.json: name: must not be empty'],
    ['a name that is not text', { 'x-layout.json': { ...good, name: 5 } }, 'layouts/x-layout.json: name: must be a string'],
    ['a numbered range of one', { 'x-layout.json': { ...good, columns: { npi: { firstFlagged: { value: 'A_{n}', flag: 'F_{n}', equals: 'Y', from: 2, to: 2 } } } } }, 'columns.npi.firstFlagged: from must be below to'],
    ['broken JSON', { 'x-layout.json': '{' }, 'layouts/x-layout.json: not valid JSON'],
    ['an id that is not the file name', { 'x-layout.json': { ...good, id: 'y' } }, "layouts/x-layout.json: id: must equal the file name ('x-layout')"],
    ['an unknown data type', { 'x-layout.json': { ...good, dataType: 'labs' } }, 'layouts/x-layout.json: dataType: must be one of professional_claims, institutional_claims, pharmacy_claims, providers, eligibility'],
    ['an http source', { 'x-layout.json': { ...good, source: { ...good.source, url: 'http://example.org' } } }, 'layouts/x-layout.json: source.url: must be an https:// address'],
    ['too few identifying headers', { 'x-layout.json': { ...good, identifiedBy: ['A', 'B'] } }, 'layouts/x-layout.json: identifiedBy: must list at least three headers'],
    ['a column the data type lacks', { 'x-layout.json': { ...good, columns: { npi: 'A', claim_id: 'B' } } }, 'layouts/x-layout.json: columns.claim_id: is not a providers column'],
    ['a header read twice', { 'x-layout.json': { ...good, columns: { npi: 'A', practice_city: 'A' } } }, "layouts/x-layout.json: columns.practice_city: header 'A' is already the source of npi"],
    ['a header with spaces around it', { 'x-layout.json': { ...good, columns: { npi: ' A' } } }, 'must not start or end with a space'],
    ['a one-header concatenation', { 'x-layout.json': { ...good, columns: { npi: { concat: ['A'] } } } }, 'layouts/x-layout.json: columns.npi.concat: must list at least two headers'],
    ['a numbered source without {n}', { 'x-layout.json': { ...good, columns: { npi: { firstFlagged: { value: 'A', flag: 'F_{n}', equals: 'Y', from: 1, to: 2 } } } } }, "layouts/x-layout.json: columns.npi.firstFlagged.value: must contain '{n}'"],
    ['a number that is not a header', { 'x-layout.json': { ...good, columns: { npi: 7 } } }, 'layouts/x-layout.json: columns.npi: must be a header, { concat: [...] }, { firstFlagged: {...} }, { flagged: {...} } or { constant: "..." }'],
    ['a numbered range the wrong way round', { 'x-layout.json': { ...good, columns: { npi: { firstFlagged: { value: 'A_{n}', flag: 'F_{n}', equals: 'Y', from: 3, to: 2 } } } } }, 'columns.npi.firstFlagged: from must be below to'],
    ['a rule the data type does not bind', { 'x-layout.json': { ...good, notApplicable: { 'medicaid_id.format': 'why' } } }, 'layouts/x-layout.json: notApplicable.medicaid_id.format: is not a rule of providers'],
    ['an unknown key', { 'x-layout.json': { ...good, extra: 1 } }, 'layouts/x-layout.json: (file): Unrecognized key: "extra"'],
    ['lines of one number', { 'x-layout.json': { ...good, lines: { from: 2, to: 2, columns: { practice_city: 'A_{n}' } } } }, 'layouts/x-layout.json: lines: from must be below to'],
    ['lines numbered the wrong way round', { 'x-layout.json': { ...good, lines: { from: 3, to: 1, columns: { npi: 'A_{n}' } } } }, 'layouts/x-layout.json: lines: from must be below to'],
    ['a line column the data type lacks', { 'x-layout.json': { ...good, lines: { from: 1, to: 2, columns: { claim_id: 'A_{n}' } } } }, 'layouts/x-layout.json: lines.columns.claim_id: is not a providers column'],
    ['a line column also given in columns', { 'x-layout.json': { ...good, lines: { from: 1, to: 2, columns: { npi: 'A_{n}' } } } }, 'layouts/x-layout.json: lines.columns.npi: is also given a source in columns'],
    ['a line number given in columns beside lines', { 'x-layout.json': { ...good, dataType: 'professional_claims', columns: { claim_line_number: 'LN' }, lines: { from: 1, to: 2, columns: { hcpcs_code: 'H_{n}' } } } }, 'layouts/x-layout.json: columns.claim_line_number: is the line number n when lines are side by side'],
    ['an empty constant', { 'x-layout.json': { ...good, columns: { npi: { constant: ' ' } } } }, 'layouts/x-layout.json: columns.npi.constant: must not be empty'],
    ['a constant holding a NUL', { 'x-layout.json': { ...good, columns: { npi: { constant: 'a\u0000b' } } } }, 'layouts/x-layout.json: columns.npi.constant: must not contain a NUL character'],
    ['a header holding a NUL', { 'x-layout.json': { ...good, columns: { npi: 'NPI\u0000' } } }, 'layouts/x-layout.json: columns.npi: must not contain a NUL character'],
    ['a flagged source without its flag', { 'x-layout.json': { ...good, columns: { npi: { flagged: { value: 'A', equals: '01' } } } } }, 'layouts/x-layout.json: columns.npi: must be a header, { concat: [...] }, { firstFlagged: {...} }, { flagged: {...} } or { constant: "..." }'],
    ['a column not carried that the data type lacks', { 'x-layout.json': { ...good, notCarried: { claim_id: 'why' } } }, 'layouts/x-layout.json: notCarried.claim_id: is not a providers column'],
    ['a column both given and not carried', { 'x-layout.json': { ...good, notCarried: { npi: 'why' } } }, 'layouts/x-layout.json: notCarried.npi: is also given a source in columns'],
    ['a column not carried without a reason', { 'x-layout.json': { ...good, notCarried: { practice_city: '' } } }, 'layouts/x-layout.json: notCarried.practice_city: must not be empty'],
  ])('refuses %s, naming the file and key', async (_label, files, message) => {
    const dir = await folderWith(files);
    expect(() => loadLayouts(dir)).toThrow(LayoutError);
    expect(() => loadLayouts(dir)).toThrow(message);
  });

  it('lists every problem of a file, one per line, as a LayoutError', async () => {
    const dir = await folderWith({ 'x-layout.json': { ...good, name: '', identifiedBy: ['A'] } });
    const error = (() => {
      try {
        loadLayouts(dir);
      } catch (e) {
        return e as LayoutError;
      }
    })()!;
    expect(error).toMatchObject({ name: 'LayoutError', code: 'layout_invalid' });
    expect(error.message).toBe('layouts/x-layout.json: name: must not be empty\nlayouts/x-layout.json: identifiedBy: must list at least three headers');
  });
});

describe('readMappingFile', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  async function mappingFile(content: string): Promise<string> {
    const temp = await makeTempDir('mapping');
    cleanup = temp.cleanup;
    const path = join(temp.path, 'mapping.json');
    await writeFile(path, content);
    return path;
  }

  it('reads a mapping written as a layout writes its columns, with a BOM or without', async () => {
    const path = await mappingFile('\uFEFF' + JSON.stringify({ dataType: 'providers', columns: { npi: 'Prov #', primary_taxonomy_code: { concat: ['T1', 'T2'] } } }));
    expect(readMappingFile(path)).toEqual({ path, dataType: 'providers', columns: { npi: 'Prov #', primary_taxonomy_code: { concat: ['T1', 'T2'] } }, notApplicable: {}, notCarried: {} });
  });

  it('keeps a byte-order mark inside a header: only the one opening the file is dropped', async () => {
    const path = await mappingFile(JSON.stringify({ dataType: 'providers', columns: { npi: 'A\uFEFFB' } }));
    expect(readMappingFile(path).columns).toEqual({ npi: 'A\uFEFFB' });
  });

  it('lists every problem, one per line', async () => {
    const path = await mappingFile(JSON.stringify({ dataType: 'providers', columns: { claim_id: 'A', member_id: 'B' } }));
    expect(() => readMappingFile(path)).toThrow(`${path}: columns.claim_id: is not a providers column\n${path}: columns.member_id: is not a providers column`);
  });

  it.each([
    ['not JSON', '{', ': not valid JSON: '],
    ['no data type', JSON.stringify({ columns: {} }), ': dataType: must be one of'],
    ['a layout key', JSON.stringify({ dataType: 'providers', columns: {}, identifiedBy: ['A'] }), ': (file): Unrecognized key: "identifiedBy"'],
    ['an unknown column', JSON.stringify({ dataType: 'providers', columns: { claim_id: 'A' } }), ': columns.claim_id: is not a providers column'],
  ])('refuses %s, naming the file and key', async (_label, content, message) => {
    const path = await mappingFile(content);
    expect(() => readMappingFile(path)).toThrow(LayoutError);
    expect(() => readMappingFile(path)).toThrow(`${path}${message}`);
  });

  it('says so when the file is not there', () => {
    expect(() => readMappingFile('/nonexistent/mapping.json')).toThrow(new LayoutError('mapping_invalid', '/nonexistent/mapping.json: file not found'));
  });
});
