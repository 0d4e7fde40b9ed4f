import { ClaimBuilder, futureHorizonDay } from './claims/claim-builder';
import { ClaimRows } from './claims/claim-rows';
import { PROFESSIONAL_CLAIM_COLUMNS } from './claims/professional-claim-columns';
import { ChunkedTextWriter, type TextSink } from './csv/chunked-text-writer';
import { csvLine } from './csv/csv-line';
import { writeTextFile } from './csv/write-text-file';
import { DefectSchedule } from './defects/defect-schedule';
import { DuplicateSubstitute } from './defects/duplicate-substitute';
import { RecentCleanLines } from './defects/recent-clean-lines';
import { ManifestRecorder, type GenerationManifest } from './generation-manifest';
import {
  resolveGenerationSettings,
  type GenerationSettings,
  type ProfessionalClaimsOptions,
} from './generation-options';
import { Random, deriveSeed } from './random/random';
import { loadReferencePools } from './reference/reference-pools';
import { RepairableVariants } from './repairs/repairable-variants';
import { runPopulation } from './run-population';

// Independent random streams: the schedule's draws never shift the content's, and vice versa;
// repairable variants draw from a third, so asking for them changes no other value.
const STREAM_CONTENT = 1;
const STREAM_SCHEDULE = 2;
const STREAM_REPAIRABLES = 3;

/**
 * Streams a synthetic Medicaid professional-claims CSV (header + `rows` data rows) to `out`, and
 * returns the manifest of what was planted. Rows without a defect pass every healthcare rule;
 * each defective row breaks exactly one (see DEFECT_KINDS), the cross-table kinds against the
 * run's reference files (writeReferenceFiles). Memory stays flat whatever `rows` is:
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
  return writeTextFile(path, (file) => streamClaims(settings, file));
}

async function streamClaims(settings: GenerationSettings, out: TextSink): Promise<GenerationManifest> {
  const random = new Random(deriveSeed(settings.seed, STREAM_CONTENT));
  const schedule = new DefectSchedule(
    settings.rows,
    settings.defectRate,
    settings.defectKinds,
    new Random(deriveSeed(settings.seed, STREAM_SCHEDULE)),
  );
  const { members, providers } = runPopulation(settings);
  const claims = new ClaimBuilder({
    random,
    pools: loadReferencePools(settings.firstServiceDay, lastDiagnosisDay(settings)),
    members,
    providers,
    calendar: settings,
  });
  const manifest = new ManifestRecorder(settings);
  const rows = new ClaimRows({
    random,
    schedule,
    claims,
    providers,
    substitute: new DuplicateSubstitute(settings.defectKinds),
    cleanLines: new RecentCleanLines(),
    repairables: new RepairableVariants(settings.repairableRate, new Random(deriveSeed(settings.seed, STREAM_REPAIRABLES))),
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
