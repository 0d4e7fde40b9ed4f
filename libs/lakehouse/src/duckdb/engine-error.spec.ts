import { describe, expect, it } from 'vitest';
import { engineErrorFacts, redactedEngineError } from './engine-error';

// Messages as DuckDB 1.5 writes them (shortened), including the row it quotes.
const CSV_ROW_ERROR = `Invalid Input Error: CSV Error on Line: 30002
Original Line: 51,Zebediah Quackenbush,1990-01-01,extra
Expected Number of Columns: 3 Found: 4`;
const JSON_ERROR = 'Invalid Input Error: Malformed JSON in file "/landing/a.ndjson", at byte 1 in line 2: unexpected character.';
const MISSING = 'IO Error: No files found that match the pattern "/landing/gone.csv"';
const CREATE_RACE = 'TransactionContext Error: Catalog write-write conflict on create with "claims"';
const COMMIT_RACE = 'TransactionContext Error: Failed to commit: PRIMARY KEY or UNIQUE constraint violation: duplicate key "p, f, h"';
const DUPLICATE = 'Constraint Error: Duplicate key "pipeline_id: p, source_file: f" violates primary key constraint.';
const LOCKED = 'IO Error: Could not set lock on file "/srv/t.duckdb": Conflicting lock is held in /usr/bin/node (PID 10829).';
const CONVERSION = "Conversion Error: Could not convert string 'Zebediah' to INT32";

describe('engineErrorFacts', () => {
  it('reads the error class and the line of a reader error', () => {
    expect(engineErrorFacts(new Error(CSV_ROW_ERROR))).toMatchObject({ errorClass: 'Invalid Input Error', line: 30002 });
    expect(engineErrorFacts(new Error(JSON_ERROR))).toMatchObject({ errorClass: 'Invalid Input Error', line: 2 });
  });

  it('recognises missing files, races, duplicate keys and locks', () => {
    expect(engineErrorFacts(new Error(MISSING)).missingFile).toBe(true);
    expect(engineErrorFacts(new Error(CREATE_RACE)).writeConflict).toBe(true);
    expect(engineErrorFacts(new Error(COMMIT_RACE)).writeConflict).toBe(true);
    expect(engineErrorFacts(new Error(DUPLICATE))).toMatchObject({ duplicateKey: true, writeConflict: false });
    expect(engineErrorFacts(new Error(LOCKED))).toMatchObject({ errorClass: 'IO Error', fileLocked: true });
  });

  it('copes with something that is not a DuckDB error', () => {
    expect(engineErrorFacts('boom')).toMatchObject({ errorClass: 'unclassified error', missingFile: false, writeConflict: false });
  });
});

describe('redactedEngineError', () => {
  it('withholds messages that can quote row values', () => {
    for (const message of [CSV_ROW_ERROR, CONVERSION, DUPLICATE]) {
      const error = redactedEngineError(new Error(message), 'statement failed');
      expect(error.message).not.toContain('Zebediah');
      expect(error.message).not.toContain('pipeline_id: p');
      expect(error.message).toMatch(/^statement failed: DuckDB [A-Za-z ]+ Error \(details withheld/);
    }
  });

  it('keeps messages about the statement itself', () => {
    const binder = 'Binder Error: Referenced column "npi" not found in FROM clause!';
    expect(redactedEngineError(new Error(binder), 'statement failed').message).toBe(`statement failed: ${binder}`);
  });
});
