import { createHash } from 'node:crypto';
import type { GenerationManifest } from '../generation-manifest';
import type { ProfessionalClaimsOptions } from '../generation-options';
import { generateProfessionalClaims } from '../professional-claims';

/** A fixed "today" so test output never depends on the day the tests run. */
export const TEST_AS_OF = '2026-08-15';

export async function generateText(
  options: Partial<ProfessionalClaimsOptions> & Pick<ProfessionalClaimsOptions, 'rows'>,
): Promise<{ text: string; manifest: GenerationManifest }> {
  const chunks: string[] = [];
  const manifest = await generateProfessionalClaims({ seed: 7, asOf: TEST_AS_OF, ...options }, (chunk) => {
    chunks.push(chunk);
  });
  return { text: chunks.join(''), manifest };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
