export type StatePackErrorCode = 'state_packs_dir_not_found' | 'state_pack_not_found' | 'state_pack_invalid';

/** A state pack is missing or malformed. Messages name the file and the key, never row data. */
export class StatePackError extends Error {
  override readonly name = 'StatePackError';

  constructor(
    readonly code: StatePackErrorCode,
    message: string,
  ) {
    super(message);
  }
}
