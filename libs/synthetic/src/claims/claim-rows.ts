import type { DefectKind } from '../defects/defect-kinds';
import type { DefectSchedule } from '../defects/defect-schedule';
import type { DuplicateSubstitute } from '../defects/duplicate-substitute';
import { plantFieldDefect } from '../defects/plant-defect';
import type { RecentCleanLines } from '../defects/recent-clean-lines';
import { csvLine } from '../csv/csv-line';
import type { ManifestRecorder } from '../generation-manifest';
import type { Random } from '../random/random';
import type { ClaimBuilder, OpenClaim } from './claim-builder';

export interface ClaimRowsParts {
  random: Random;
  schedule: DefectSchedule;
  claims: ClaimBuilder;
  substitute: DuplicateSubstitute;
  cleanLines: RecentCleanLines;
  manifest: ManifestRecorder;
}

/**
 * Produces the data rows one at a time: asks the schedule whether the row carries a defect, keeps
 * the current claim open until its lines are written, plants the defect, and records the row.
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
    const { claims, manifest, cleanLines, random } = this.parts;
    const isFuture = kind === 'future_service_date';
    if (!this.claim || this.claim.isComplete || isFuture) {
      this.claim = claims.open(isFuture);
      manifest.claimOpened();
    }
    const fields = this.claim.nextLine();
    // A future-dated line is a claim of its own (see DEFECT_KINDS); nothing may join it.
    if (isFuture) this.claim = undefined;

    if (kind === null) {
      const line = csvLine(fields);
      cleanLines.add(line);
      manifest.rowWritten(row);
      return line;
    }
    // The future-dated claim was built that way; every other kind edits one field.
    const column = isFuture ? 'claim_line_start_date' : plantFieldDefect(kind, fields, random);
    manifest.rowWritten(row, { kind, column });
    return csvLine(fields);
  }
}
