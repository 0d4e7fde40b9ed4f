import { columnNameProblem, type DataType } from '@ade/contracts';
import {
  appliedMapping,
  canonicalSchema,
  loadLayouts,
  looksLikeData,
  mapHeaders,
  mapLayout,
  proposeLikeliestType,
  proposeMapping,
  recognizeLayout,
  type ColumnProfile,
  type MappingProposal,
  type CanonicalSchema,
  type DerivedColumn,
  type HeaderMapping,
  type LayoutDescriptor,
  type LineMapping,
  type MappingFile,
} from '@ade/healthcare';
import { UnusableInputError } from './unusable-input';
import type { RecognizedLayout } from './validation-report';

/** How a file's columns are read: by a mapping file, as a known public layout, or by the schema's names and synonyms. */
export interface FileLayout {
  type: DataType;
  layout: RecognizedLayout | null;
  mapping: HeaderMapping;
  /** Canonical columns the layout builds from several of the file's columns. */
  derived: DerivedColumn[];
  /** For lines written side by side: how each row is read as one line per number. */
  lines: LineMapping | null;
  /** Rules of the schema the layout says do not apply to its files. */
  notApplicable: ReadonlySet<string>;
  /** Columns the layout says its files do not carry: not required of them, their rules not run. */
  notCarried: ReadonlySet<string>;
  /** For a file in no known layout: the profiler's mapping, applied where it is sure, with its evidence. */
  proposal: MappingProposal | null;
}

export interface FileLayoutRequest {
  path: string;
  type?: DataType;
  /** The user's own mapping: used as given, instead of recognising a layout. */
  mapping?: MappingFile;
}

/**
 * Maps headers onto a schema by a layout's (or a mapping file's) columns, or by names and
 * synonyms when there is none; the rules the layout leaves out come with it.
 */
export function mapColumns(
  headers: readonly string[],
  schema: CanonicalSchema,
  layout: Pick<LayoutDescriptor, 'columns' | 'notApplicable' | 'notCarried' | 'lines'> | null,
): { mapping: HeaderMapping; derived: DerivedColumn[]; lines: LineMapping | null; notApplicable: ReadonlySet<string>; notCarried: ReadonlySet<string> } {
  if (!layout) return { mapping: mapHeaders(headers, schema), derived: [], lines: null, notApplicable: new Set(), notCarried: new Set() };
  const { derived, lines, ...mapping } = mapLayout(headers, layout, schema);
  return { mapping, derived, lines, notApplicable: new Set(Object.keys(layout.notApplicable)), notCarried: new Set(Object.keys(layout.notCarried)) };
}

/**
 * Decides how a file's headers map: a mapping file wins, then a recognised public layout, then
 * the profiler, which reads the headers and the values (`profile`, run only when needed) and
 * applies what it is sure of. Messages name headers and layouts only, never a value: a
 * headerless file's first row is data.
 */
export async function fileLayout(
  headers: readonly string[],
  request: FileLayoutRequest,
  profile: () => Promise<ReadonlyMap<string, ColumnProfile>>,
): Promise<FileLayout> {
  // Every way below prints headers (the layout, the columns not recognized, a proposal): a header
  // that looks like a value means the first line is a record, and its cells are not printed.
  const valueLike = headers.filter((header) => columnNameProblem(header) !== null).length;
  if (valueLike > 0) {
    throw new UnusableInputError(`${valueLike} of the ${headers.length} column names of ${request.path} look like values (numbers, dates or identifiers); does its first line name the columns?`);
  }
  if (request.mapping) return byMappingFile(headers, request.mapping, request);
  const layout = recognizeLayout(headers);
  if (layout) {
    if (request.type && layout.dataType !== request.type) {
      throw new UnusableInputError(
        `${request.path} is a ${layout.name} file, which holds ${layout.dataType}, not ${request.type}; pass --type ${layout.dataType} or leave --type out`,
      );
    }
    const recognized = { id: layout.id, name: layout.name, source: layout.source, notApplicable: layout.notApplicable, notCarried: layout.notCarried };
    return { type: layout.dataType, layout: recognized, ...mapColumns(headers, canonicalSchema(layout.dataType), layout), proposal: null };
  }
  const profiles = await profile();
  const proposal = request.type ? proposeMapping(headers, canonicalSchema(request.type), profiles) : likeliestType(headers, profiles, request.path);
  // A first line holding numbers or dates, or naming nothing (pairings on values alone), is data:
  // a proposal would print its cells as column names.
  if (headers.some(looksLikeData) || proposal.columns.every((column) => column.evidence.header.by === 'values')) {
    throw new UnusableInputError(`none of the ${headers.length} columns of ${request.path} is a recognizable ${proposal.dataType} column; does its first line name the columns?`);
  }
  return { type: proposal.dataType, layout: null, mapping: appliedMapping(proposal, headers), derived: [], lines: null, notApplicable: new Set(), notCarried: new Set(), proposal };
}

function likeliestType(headers: readonly string[], profiles: ReadonlyMap<string, ColumnProfile>, path: string): MappingProposal {
  const proposal = proposeLikeliestType(headers, profiles);
  if (proposal) return proposal;
  const known = loadLayouts()
    .map((candidate) => candidate.id)
    .sort();
  throw new UnusableInputError(
    `${path} is not in a layout the validator knows (${known.join(', ')}) and its columns read as no data type; pass --type to read it by column names, or --mapping`,
  );
}

function byMappingFile(headers: readonly string[], file: MappingFile, request: FileLayoutRequest): FileLayout {
  if (request.type && request.type !== file.dataType) {
    throw new UnusableInputError(`the mapping ${file.path} is for ${file.dataType}, not ${request.type}`);
  }
  const mapped = mapColumns(headers, canonicalSchema(file.dataType), file);
  const named = new Set(mapped.mapping.mapped.map((m) => m.canonical));
  const absent = Object.keys(file.columns).filter((canonical) => !named.has(canonical));
  if (absent.length > 0) {
    // A mapping names the file's own headers: one it cannot find is a mistake, not a gap in the file.
    throw new UnusableInputError(`${request.path} has no column the mapping ${file.path} gives for ${absent.join(', ')}`);
  }
  const layout = { id: 'mapping-file', name: `the mapping in ${file.path}`, source: null, notApplicable: file.notApplicable, notCarried: file.notCarried };
  return { type: file.dataType, layout, ...mapped, proposal: null };
}
