import { loadHcpcsLevel2Codes, loadHcpcsLevel2Modifiers } from '../codesets/hcpcs-level2';
import { loadNuccTaxonomyCodes } from '../codesets/nucc-taxonomy';
import { loadPlaceOfServiceCodes } from '../codesets/place-of-service';
import { loadStateCodes } from '../codesets/state-codes';
import type { ReferenceTable } from '../rules/rule';
import { loadIcd10CmCalendar, type DateInterval } from './icd10cm-calendar';

export type ReferenceColumnType = 'VARCHAR' | 'DATE';

export interface ReferenceColumn {
  name: string;
  type: ReferenceColumnType;
}

/** One reference table's content, engine-neutral: DATE values are `YYYY-MM-DD` text. */
export interface ReferenceTableData {
  table: ReferenceTable;
  columns: readonly ReferenceColumn[];
  rows: readonly (readonly string[])[];
}

const CODE: ReferenceColumn = { name: 'code', type: 'VARCHAR' };
const INTERVAL_COLUMNS: readonly ReferenceColumn[] = [CODE, { name: 'valid_from', type: 'DATE' }, { name: 'valid_to', type: 'DATE' }];

let cached: readonly ReferenceTableData[] | undefined;

/**
 * The data of every table the rules' SQL joins, built from the shipped code sets by the same
 * loaders (and for ICD-10-CM the same calendar) the TypeScript predicates read.
 */
export function buildReferenceTables(): readonly ReferenceTableData[] {
  cached ??= [
    intervalTable('icd10cm_validity', loadIcd10CmCalendar().billable),
    intervalTable('icd10cm_headers', loadIcd10CmCalendar().headers),
    codeTable('hcpcs_level2', loadHcpcsLevel2Codes()),
    codeTable('hcpcs_modifiers', loadHcpcsLevel2Modifiers().keys()),
    codeTable('nucc_taxonomy', loadNuccTaxonomyCodes().keys()),
    codeTable('place_of_service', loadPlaceOfServiceCodes().keys()),
    codeTable('us_states', loadStateCodes().keys()),
  ];
  return cached;
}

function codeTable(table: ReferenceTable, codes: Iterable<string>): ReferenceTableData {
  return { table, columns: [CODE], rows: [...codes].sort().map((code) => [code]) };
}

function intervalTable(table: ReferenceTable, intervals: ReadonlyMap<string, readonly DateInterval[]>): ReferenceTableData {
  const rows: string[][] = [];
  for (const [code, list] of intervals) for (const { from, to } of list) rows.push([code, from, to]);
  return { table, columns: INTERVAL_COLUMNS, rows };
}
