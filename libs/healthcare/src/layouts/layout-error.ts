export type LayoutErrorCode = 'layouts_dir_not_found' | 'layout_invalid' | 'mapping_invalid';

/**
 * A shipped layout descriptor (a packaging fault) or a user's mapping file is missing or malformed.
 * Messages name the file and key, never a value of a data file.
 */
export class LayoutError extends Error {
  override readonly name = 'LayoutError';

  constructor(
    readonly code: LayoutErrorCode,
    message: string,
  ) {
    super(message);
  }
}
