const MIB = 2 ** 20;
/** S3's limit on the parts of one upload. */
export const MAX_PARTS = 10_000;
/** S3's limit on one object (5 TiB). */
export const MAX_UPLOAD_BYTES = 5 * 2 ** 40;

/**
 * How a file of `sizeBytes` is cut: parts of the configured size, or larger (whole MiB) when that
 * would take more than S3's 10,000 parts.
 */
export function partPlan(sizeBytes: number, partBytes: number): { partSize: number; count: number } {
  const smallest = Math.ceil(sizeBytes / MAX_PARTS / MIB) * MIB;
  const partSize = Math.max(partBytes, smallest);
  return { partSize, count: Math.max(1, Math.ceil(sizeBytes / partSize)) };
}
