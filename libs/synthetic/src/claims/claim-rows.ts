import type { DefectKind } from '../defects/defect-kinds';
import type { DefectSchedule } from '../defects/defect-schedule';
import type { DuplicateSubstitute } from '../defects/duplicate-substitute';
import { OWN_CLAIM_DEFECTS, isOwnClaimDefect } from '../defects/own-claim-defects';
import { plantFieldDefect } from '../defects/plant-defect';
import type { RecentCleanLines } from '../defects/recent-clean-lines';
import { csvLine } from '../csv/csv-line';
import type { ManifestRecorder } from '../generation-manifest';
import type { ProviderDirectory } from '../people/providers';
import type { Random } from '../random/random';
import type { RepairableVariants } from '../repairs/repairable-variants';
import type { ClaimBuilder, OpenClaim } from './claim-builder';

export interface ClaimRowsParts {
  random: Random;
  schedule: DefectSchedule;
  claims: ClaimBuilder;
  providers: ProviderDirectory;
  substitute: DuplicateSubstitute;
  cleanLines: RecentCleanLines;
  repairables: RepairableVariants;
  manifest: ManifestRecorder;
}

/**
 * Produces the data rows one at a time: asks the schedule whether the row carries a defect, keeps
 * the current claim open until its lines are written, plants the defect (or, on a clean row, maybe
 * a repairable variant), and records the row.
 */
export class ClaimRows {
  private claim: OpenClaim | undefined;

  constructor(private readonly parts: ClaimRowsParts) {}

  /** The CSV line for data row `row` (1-based). */
  next(row: number): string {
    const { schedule, cleanLines, random, substitute } = this.parts;
    let kind = schedule.next();
    if (kind === 'duplicate_line') {
      const duplicate = cleanLines.pick(random);
      if (duplicate !== undefined) return this.duplicateRow(row, duplicate);
      kind = substitute.next();
    }
    return this.builtRow(row, kind);
  }

  private duplicateRow(row: number, line: string): string {
    // The copy goes between claims, never inside one, so the open claim's lines stay together.
    this.claim = undefined;
    this.parts.manifest.rowWritten(row, { kind: 'duplicate_line', column: 'claim_id' });
    return line;
  }

  private builtRow(row: number, kind: Exclude<DefectKind, 'duplicate_line'> | null): string {
    const { claims, manifest, cleanLines, random, providers, repairables } = this.parts;
    const ownClaim = kind !== null && isOwnClaimDefect(kind) ? OWN_CLAIM_DEFECTS[kind] : undefined;
    if (!this.claim || this.claim.isComplete || ownClaim) {
      this.claim = claims.open(ownClaim?.shape ?? 'regular');
      manifest.claimOpened();
    }
    const fields = this.claim.nextLine();
    // A claim built around a defect is one line (see OWN_CLAIM_DEFECTS); nothing may join it.
    if (ownClaim) this.claim = undefined;

    if (kind === null) {
      const line = csvLine(fields);
      // Duplicates copy the clean form: a variant is cosmetic, and a copy must carry one defect only.
      cleanLines.add(line);
      manifest.rowWritten(row);
      const variant = repairables.next(fields);
      if (!variant) return line;
      manifest.repairableWritten(row, variant);
      return csvLine(fields);
    }
    const column = isOwnClaimDefect(kind) ? OWN_CLAIM_DEFECTS[kind].column : plantFieldDefect(kind, fields, random, providers);
    manifest.rowWritten(row, { kind, column });
    return csvLine(fields);
  }
}
