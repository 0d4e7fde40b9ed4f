import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateProfessionalClaims } from '@ade/synthetic';

/**
 * The next month's delivery, as real senders change things: the billing NPI header is renamed
 * ("Billing Provider NPI") and a new column appears. Plus a second file cut off mid-transfer.
 * Returns the clean line count of the drifted file.
 */
export async function writeDriftedDelivery(directory: string, rows: number): Promise<{ drifted: string; truncated: string; lines: number }> {
  let csv = '';
  const manifest = await generateProfessionalClaims({ seed: 2027, rows, asOf: '2026-11-01', defectRate: 0 }, (chunk) => {
    csv += chunk;
  });
  const [header, ...lines] = csv.trimEnd().split('\n');
  const renamed = header!.replace('billing_npi', 'Billing Provider NPI');
  const drifted = [`${renamed},telehealth_flag`, ...lines.map((line, i) => `${line},${i % 5 === 0 ? 'Y' : 'N'}`)].join('\n');
  const driftedPath = join(directory, 'claims-2026-07.csv');
  const truncatedPath = join(directory, 'claims-2026-07-resubmitted.csv');
  await writeFile(driftedPath, `${drifted}\n`);
  // The transfer broke off in the middle of a record.
  await writeFile(truncatedPath, drifted.slice(0, Math.floor(drifted.length / 3)));
  return { drifted: driftedPath, truncated: truncatedPath, lines: manifest.rows };
}
