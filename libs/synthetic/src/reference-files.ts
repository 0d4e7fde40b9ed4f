import { futureHorizonDay } from './claims/claim-builder';
import type { TextSink } from './csv/chunked-text-writer';
import { writeTextFile } from './csv/write-text-file';
import { resolveGenerationSettings, type GenerationSettings, type ProfessionalClaimsOptions } from './generation-options';
import type { EnrollmentCalendar } from './people/enrollment';
import { streamEligibilityCsv, type EligibilityCounts } from './reference-files/eligibility-csv';
import { streamProvidersCsv } from './reference-files/providers-csv';
import { runPopulation } from './run-population';

export interface ReferenceFilePaths {
  /** Where to write the providers CSV (created or replaced); not written when absent. */
  providersPath?: string;
  /** Where to write the eligibility CSV (created or replaced); not written when absent. */
  eligibilityPath?: string;
}

export interface ReferenceFilesSummary {
  /** Provider rows written, one per NPI; absent when no providers file was asked for. */
  providers?: number;
  /** Enrollment spans and members written; absent when no eligibility file was asked for. */
  eligibility?: EligibilityCounts;
}

/**
 * Writes the companion files of the claims that `options` describe: the providers and the
 * eligibility (enrollment spans) of the same seed, from the same member and provider pools. Every
 * NPI on a clean claim line is in the providers file and every clean line's service dates fall
 * inside one enrollment span of its member; the cross-table defects (`unknown_provider`,
 * `service_outside_eligibility`) are exactly the rows that break this. The files depend only on
 * the options, never on the claims pass, so writing them leaves the claims file unchanged, and
 * they are small (one row per provider, one or two per member).
 */
export async function writeReferenceFiles(
  options: ProfessionalClaimsOptions,
  paths: ReferenceFilePaths,
): Promise<ReferenceFilesSummary> {
  const settings = resolveGenerationSettings(options);
  const summary: ReferenceFilesSummary = {};
  if (paths.providersPath !== undefined) {
    summary.providers = await writeTextFile(paths.providersPath, (out) => streamProviders(settings, out));
  }
  if (paths.eligibilityPath !== undefined) {
    summary.eligibility = await writeTextFile(paths.eligibilityPath, (out) => streamEligibility(settings, out));
  }
  return summary;
}

/** Streams the providers CSV to `out` (not ended) and returns its row count. */
export async function generateProvidersCsv(options: ProfessionalClaimsOptions, out: TextSink): Promise<number> {
  return streamProviders(resolveGenerationSettings(options), out);
}

/** Streams the eligibility CSV to `out` (not ended) and returns what it holds. */
export async function generateEligibilityCsv(options: ProfessionalClaimsOptions, out: TextSink): Promise<EligibilityCounts> {
  return streamEligibility(resolveGenerationSettings(options), out);
}

function streamProviders(settings: GenerationSettings, out: TextSink): Promise<number> {
  return streamProvidersCsv(runPopulation(settings).providers, settings.seed, settings.states, out);
}

function streamEligibility(settings: GenerationSettings, out: TextSink): Promise<EligibilityCounts> {
  // Spans that stay open or end after the last future-dated claim cover every claim of a current
  // member, whichever defect kinds the claims were generated with.
  const calendar: EnrollmentCalendar = { firstServiceDay: settings.firstServiceDay, lastClaimDay: futureHorizonDay(settings.asOfDay) };
  return streamEligibilityCsv(runPopulation(settings).members, settings.seed, calendar, out);
}
