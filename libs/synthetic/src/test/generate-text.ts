import { createHash } from 'node:crypto';
import type { GenerationManifest } from '../generation-manifest';
import type { ProfessionalClaimsOptions } from '../generation-options';
import { generateProfessionalClaims } from '../professional-claims';
import { generateEligibilityCsv, generateProvidersCsv } from '../reference-files';

/** A fixed "today" so test output never depends on the day the tests run. */
export const TEST_AS_OF = '2026-08-15';

type TestOptions = Partial<ProfessionalClaimsOptions> & Pick<ProfessionalClaimsOptions, 'rows'>;

export async function generateText(options: TestOptions): Promise<{ text: string; manifest: GenerationManifest }> {
  const chunks: string[] = [];
  const manifest = await generateProfessionalClaims({ seed: 7, asOf: TEST_AS_OF, ...options }, (chunk) => {
    chunks.push(chunk);
  });
  return { text: chunks.join(''), manifest };
}

/** The claims and both companion files of one run, as text. */
export async function generateRun(
  options: TestOptions,
): Promise<{ text: string; manifest: GenerationManifest; providersCsv: string; eligibilityCsv: string }> {
  const full = { seed: 7, asOf: TEST_AS_OF, ...options };
  const { text, manifest } = await generateText(full);
  return { text, manifest, providersCsv: await collect((out) => generateProvidersCsv(full, out)), eligibilityCsv: await collect((out) => generateEligibilityCsv(full, out)) };
}

async function collect(produce: (out: (chunk: string) => void) => Promise<unknown>): Promise<string> {
  const chunks: string[] = [];
  await produce((chunk) => {
    chunks.push(chunk);
  });
  return chunks.join('');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
