/**
 * pg returns bigint columns as strings. Counts and sizes stored in them (rows, bytes) stay far
 * below 2^53, so they are read as numbers.
 */
export const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? 0 : Number(value)),
};

/** The same for a nullable column: null stays null (a count not reported yet). */
export const bigintOrNull = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
