/**
 * Facts read off a DuckDB error message. DuckDB messages can quote row content (a CSV error
 * prints the offending line, a constraint error prints the key), so callers build their own
 * messages from these facts and never pass the original text on.
 */
export interface EngineErrorFacts {
  /** DuckDB's error class, e.g. "Invalid Input Error"; a fixed vocabulary, safe to show. */
  errorClass: string;
  /** Line in the source file, when the reader reported one. */
  line?: number;
  missingFile: boolean;
  writeConflict: boolean;
  duplicateKey: boolean;
  fileLocked: boolean;
  /** The engine could not write because the disk is full. */
  diskFull: boolean;
  /** The raw text mentions this path (for telling a source read failure from a catalog one). */
  mentions(path: string): boolean;
}

const ERROR_CLASS = /^([A-Z][A-Za-z]*(?: [A-Za-z]+)* Error):/;
const LINE_NUMBER = [/CSV Error on Line: (\d+)/, /\bin line (\d+)/];
const MISSING_FILE = /No files found that match the pattern|No such file or directory/;
const WRITE_CONFLICT = /write-write conflict|Conflict on tuple|Conflict on update|Failed to commit: PRIMARY KEY or UNIQUE constraint violation/i;
const DUPLICATE_KEY = /^Constraint Error:.*duplicate key/is;
const FILE_LOCKED = /Could not set lock on file/;
const DISK_FULL = /No space left on device/;

export function engineErrorFacts(error: unknown): EngineErrorFacts {
  const message = error instanceof Error ? error.message : String(error);
  return {
    errorClass: ERROR_CLASS.exec(message)?.[1] ?? 'unclassified error',
    line: firstLineNumber(message),
    missingFile: MISSING_FILE.test(message),
    writeConflict: WRITE_CONFLICT.test(message),
    duplicateKey: DUPLICATE_KEY.test(message),
    fileLocked: FILE_LOCKED.test(message),
    diskFull: DISK_FULL.test(message),
    mentions: (path) => message.includes(path),
  };
}

function firstLineNumber(message: string): number | undefined {
  for (const pattern of LINE_NUMBER) {
    const match = pattern.exec(message);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/**
 * Error classes whose messages talk about SQL text, catalog objects and paths, not row values;
 * they are kept whole because whoever wrote the statement needs them to fix it.
 */
const STATEMENT_ERROR_CLASSES = new Set(['Parser Error', 'Binder Error', 'Catalog Error', 'IO Error']);

/** For a statement a caller ran: keep what helps fix the SQL, withhold what may quote rows. */
export function redactedEngineError(error: unknown, context: string): Error {
  const facts = engineErrorFacts(error);
  if (STATEMENT_ERROR_CLASSES.has(facts.errorClass) && error instanceof Error) {
    return new Error(`${context}: ${error.message}`);
  }
  return new Error(`${context}: DuckDB ${facts.errorClass} (details withheld: they may quote row values)`);
}
