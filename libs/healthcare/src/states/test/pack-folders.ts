import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A pack that passes validation, to break one field at a time. */
export const TEXAS_PACK = {
  state: 'TX',
  name: 'Texas Medicaid',
  medicaidMemberIdPattern: '^[0-9]{9}$',
  timelyFilingDays: 95,
  requiredFields: { pharmacy_claims: ['prescribing_provider_npi'] },
  allowedClaimTypes: ['professional', 'institutional', 'pharmacy'],
  sources: ['test'],
};

/**
 * Makes folders of pack files under `root()`: each call a folder of its own, named state-packs
 * like the shipped one, so the loader's cache never mixes cases. A string is written as it is,
 * anything else as JSON.
 */
export function packFolders(root: () => string): (files: Record<string, unknown>) => string {
  let serial = 0;
  return (files) => {
    serial += 1;
    const dir = join(root(), String(serial), 'state-packs');
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    }
    return dir;
  };
}
