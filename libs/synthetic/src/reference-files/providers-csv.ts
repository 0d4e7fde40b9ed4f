import { ChunkedTextWriter, type TextSink } from '../csv/chunked-text-writer';
import { csvLine } from '../csv/csv-line';
import { ProviderProfiles, type ProviderProfile } from '../people/provider-profiles';
import type { ProviderDirectory } from '../people/providers';
import { PROVIDER_COLUMNS } from './reference-columns';

/**
 * The providers file: every NPI of the run's directory, billing groups first, then their
 * clinicians, one row each. That is every NPI a clean claim can carry (a small run may not use
 * them all), and no other. A clinician whose NPI happens to equal a group's is written once.
 */
export async function streamProvidersCsv(
  directory: ProviderDirectory,
  seed: number,
  states: readonly string[],
  out: TextSink,
): Promise<number> {
  const profiles = new ProviderProfiles(seed, directory, states);
  const writer = new ChunkedTextWriter(out);
  let rows = 0;
  const write = async (profile: ProviderProfile) => {
    rows += 1;
    if (writer.push(providerLine(profile))) await writer.flush();
  };
  writer.push(csvLine(PROVIDER_COLUMNS));
  for (let group = 0; group < directory.billingProviders; group += 1) await write(profiles.billing(group));
  for (let index = 0; index < directory.renderingProviders; index += 1) {
    const profile = profiles.rendering(index);
    if (directory.billingGroupOf(profile.npi) === undefined) await write(profile);
  }
  await writer.flush();
  return rows;
}

function providerLine(profile: ProviderProfile): string {
  return csvLine([
    profile.npi,
    profile.entityTypeCode,
    profile.taxonomyCode,
    profile.organizationName,
    profile.firstName,
    profile.lastName,
    profile.state,
  ]);
}
