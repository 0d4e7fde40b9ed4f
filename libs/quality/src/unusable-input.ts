import { engineErrorFacts } from '@ade/lakehouse';
import type { TabularFormat } from '@ade/contracts';
import type { InterchangeAcknowledgment } from '@ade/healthcare';

/**
 * A file the validator cannot read at all. The message is one line, names the file, says what to
 * do, and never quotes the file's content.
 */
export class UnusableInputError extends Error {
  override readonly name = 'UnusableInputError';
  /** For an X12 file none of whose transaction sets could be read: what its 999 says of each. */
  acknowledgments?: InterchangeAcknowledgment[];
}

const INVALID_UNICODE = /Invalid unicode|not utf-8 encoded/i;
const LINE_TOO_LONG = /Maximum line size of (\d+) bytes exceeded/;

/** Turns a DuckDB read failure into an UnusableInputError built from facts, not DuckDB's text. */
export function unreadableSource(error: unknown, file: string, format: TabularFormat): UnusableInputError {
  const message = error instanceof Error ? error.message : String(error);
  const facts = engineErrorFacts(error);
  const near = facts.line ? ` (line ${facts.line})` : '';
  if (INVALID_UNICODE.test(message)) {
    return new UnusableInputError(`${file} is not valid UTF-8${near}; convert it first, e.g. iconv -f latin1 -t utf-8`);
  }
  const tooLong = LINE_TOO_LONG.exec(message);
  if (tooLong) {
    const limitMb = (Number(tooLong[1]) / 1_000_000).toFixed(0);
    return new UnusableInputError(`${file} has a line longer than ${limitMb} MB${near}; is it really ${format} with one record per line?`);
  }
  if (format === 'parquet') return new UnusableInputError(`${file} is not a readable Parquet file`);
  if (format === 'ndjson') return new UnusableInputError(`${file} is not valid newline-delimited JSON${near}`);
  return new UnusableInputError(`${file} could not be parsed as CSV${near}; check the delimiter and quoting (--delimiter)`);
}
