import { open, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalSchema, writeX12AsNdjson, X12Error, type MappingFile, type X12BatchSummary } from '@ade/healthcare';
import { UnusableInputError } from './unusable-input';
import type { ValidateFileRequest } from './validate-file';
import type { ValidationReport } from './validation-report';

/**
 * Whether a file is X12 by its content: its first characters, past a BOM and blank lines, are an
 * ISA. What cannot be read (missing, a directory) is not: the tabular reader then says why.
 */
export async function isX12File(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => null);
  if (handle === null) return false;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0);
    return /^[\s\uFEFF]*ISA/.test(buffer.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}

/**
 * Validates an X12 file as a pipeline reads it: parsed as a stream into canonical rows (in a
 * private temporary directory, removed after), which the healthcare rules then judge; the report
 * adds what reading found (envelope findings, rejected transaction sets). `rows` count service lines.
 */
export async function validateX12File(request: ValidateFileRequest, validateRows: (request: ValidateFileRequest) => Promise<ValidationReport>): Promise<ValidationReport> {
  if (request.mapping) throw new UnusableInputError(`${request.path} is an X12 file: its loops map onto the canonical columns, so --mapping does not apply`);
  const dir = await mkdtemp(join(tmpdir(), 'ade-validate-x12-'));
  try {
    const rowsPath = join(dir, 'claims.ndjson');
    const summary = await writeX12AsNdjson(request.path, rowsPath).catch((error: unknown) => {
      if (error instanceof X12Error) {
        throw Object.assign(new UnusableInputError(`${request.path} is not a readable X12 file: ${error.message}`), error.acknowledgments && { acknowledgments: error.acknowledgments });
      }
      throw error;
    });
    if (request.type && request.type !== summary.dataType) {
      throw new UnusableInputError(`${request.path} is an ${summary.transaction} file, which holds ${summary.dataType}, not ${request.type}; pass --type ${summary.dataType} or leave --type out`);
    }
    const report = await validateRows({ ...request, path: rowsPath, format: 'ndjson', type: summary.dataType, mapping: canonicalMapping(summary) });
    const { transaction, interchangeControlNumbers, transactionSets, claims, findings, acknowledgments } = summary;
    return { ...report, file: request.path, format: 'x12', x12: { transaction, interchanges: interchangeControlNumbers.length, transactionSets, claims, findings, acknowledgments } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The rows an X12 file is read into carry the canonical columns by name: they are mapped as they
 * are, and the report names the loops they came from rather than guessing from their headers.
 */
function canonicalMapping(summary: X12BatchSummary): MappingFile {
  const columns = Object.fromEntries(canonicalSchema(summary.dataType).columns.map((column) => [column.name, column.name]));
  return { path: `the ${summary.transaction} loops`, dataType: summary.dataType, columns, notApplicable: {}, notCarried: {} };
}
