/** A file whose columns drift beyond what the pipeline's evolution mode accepts. */
export class SchemaDriftError extends Error {
  override readonly name = 'SchemaDriftError';
}
