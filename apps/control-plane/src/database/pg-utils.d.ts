// pg exports its parameter conversion (package.json "./lib/*.js") but @types/pg does not describe it.
declare module 'pg/lib/utils.js' {
  /** A parameter as pg sends it: text, a Buffer for binary values, or null. */
  export function prepareValue(value: unknown): string | Buffer | null;
}
