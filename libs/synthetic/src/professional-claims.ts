import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { ClaimBuilder, futureHorizonDay } from './claims/claim-builder';
import { ClaimRows } from './claims/claim-rows';
import { PROFESSIONAL_CLAIM_COLUMNS } from './claims/professional-claim-columns';
import { ChunkedTextWriter, type TextSink } from './csv/chunked-text-writer';
import { csvLine } from './csv/csv-line';
import { DefectSchedule } from './defects/defect-schedule';
import { DuplicateSubstitute } from './defects/duplicate-substitute';
import { RecentCleanLines } from './defects/recent-clean-lines';
import { ManifestRecorder, type GenerationManifest } from './generation-manifest';
import {
  resolveGenerationSettings,
  type GenerationSettings,
  type ProfessionalClaimsOptions,
} from './generation-options';
import { MemberPopulation } from './people/members';
import { ProviderDirectory } from './people/providers';
import { Random, deriveSeed } from './random/random';
import { loadReferencePools } from './reference/reference-pools';

// Independent random streams: the schedule's draws never shift the content's, and vice versa.
const STREAM_CONTENT = 1;
const STREAM_SCHEDULE = 2;

/**
 * Streams a synthetic Medicaid professional-claims CSV (header + `rows` data rows) to `out`, and
 * returns the manifest of what was planted. Rows without a defect pass every healthcare rule;
 * each defective row breaks exactly one (see DEFECT_KINDS). Memory stays flat whatever `rows` is:
 * members and providers are derived on demand, output goes out in chunks and waits for the stream
 * to drain. A stream passed as `out` is not ended.
 */
export async function generateProfessionalClaims(
  options: ProfessionalClaimsOptions,
  out: TextSink,
): Promise<GenerationManifest> {
  return streamClaims(resolveGenerationSettings(options), out);
}

/**
 * Writes the CSV to a file (created or replaced) and returns the manifest. Options are checked
 * before the file is opened, so bad options leave no empty file behind.
 */
export async function writeProfessionalClaimsCsv(
  path: string,
  options: ProfessionalClaimsOptions,
): Promise<GenerationManifest> {
  const settings = resolveGenerationSettings(options);
  const file = createWriteStream(path, { encoding: 'utf8' });
  try {
    const manifest = await streamClaims(settings, file);
    file.end();
    await finished(file);
    return manifest;
  } catch (error) {
    file.destroy();
    throw error;
  }
}

async function streamClaims(settings: GenerationSettings, out: TextSink): Promise<GenerationManifest> {
  const random = new Random(deriveSeed(settings.seed, STREAM_CONTENT));
  const schedule = new DefectSchedule(
    settings.rows,
    settings.defectRate,
    settings.defectKinds,
    new Random(deriveSeed(settings.seed, STREAM_SCHEDULE)),
  );
  const claims = new ClaimBuilder({
    random,
    pools: loadReferencePools(settings.firstServiceDay, lastDiagnosisDay(settings)),
    members: new MemberPopulation(settings.seed, memberCount(settings.rows), settings.states, settings.firstServiceDay),
    providers: new ProviderDirectory(settings.seed, billingProviderCount(settings.rows), 6),
    calendar: settings,
  });
  const manifest = new ManifestRecorder(settings);
  const rows = new ClaimRows({
    random,
    schedule,
    claims,
    substitute: new DuplicateSubstitute(settings.defectKinds),
    cleanLines: new RecentCleanLines(),
    manifest,
  });
  const writer = new ChunkedTextWriter(out);
  writer.push(csvLine(PROFESSIONAL_CLAIM_COLUMNS));
  for (let row = 1; row <= settings.rows; row += 1) {
    if (writer.push(rows.next(row))) await writer.flush();
  }
  await writer.flush();
  return manifest.result();
}

/** Diagnosis codes must stay valid up to the furthest service date the run can write. */
function lastDiagnosisDay(settings: GenerationSettings): number {
  const plantsFutureDates = settings.defectRate > 0 && settings.defectKinds.includes('future_service_date');
  return plantsFutureDates ? futureHorizonDay(settings.asOfDay) : settings.lastServiceDay;
}

/** About six lines per member, as in a year of Medicaid professional claims; never a handful only. */
function memberCount(rows: number): number {
  return Math.max(50, Math.ceil(rows / 6));
}

function billingProviderCount(rows: number): number {
  return Math.min(20_000, Math.max(10, Math.ceil(rows / 200)));
}
