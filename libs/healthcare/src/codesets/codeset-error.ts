export type CodesetErrorCode = 'codesets_dir_not_found' | 'codeset_missing' | 'codeset_malformed';

/** A shipped code-set file is missing or not what its loader expects: a packaging fault, never data. */
export class CodesetError extends Error {
  override readonly name = 'CodesetError';

  constructor(
    readonly code: CodesetErrorCode,
    message: string,
  ) {
    super(message);
  }
}
