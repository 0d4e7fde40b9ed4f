import { DEFECT_KINDS, type DefectKind } from './defects/defect-kinds';
import type { ProfessionalClaimColumn } from './claims/professional-claim-columns';
import type { GenerationSettings } from './generation-options';
import { REPAIR_IDS, type RepairId } from './repairs/repair-ids';

export interface DefectRow {
  /** 1-based data row (the header is row 0). */
  row: number;
  kind: DefectKind;
  /**
   * The column that carries the defect, as a validator reports it: `claim_id` for a duplicate
   * (the whole row repeats), `claim_line_start_date` for reversed line dates (the first column of
   * the line's date pair), `claim_received_date` for late filing.
   */
  column: ProfessionalClaimColumn;
}

export interface RepairRow {
  /** 1-based data row; always a row without a defect. */
  row: number;
  /** The one column written as a variant. */
  column: ProfessionalClaimColumn;
  repair: RepairId;
}

/** What a run wrote: the answer key a validator's findings are compared against. Holds no row values. */
export interface GenerationManifest {
  /** Data rows written, duplicates included, header excluded. */
  rows: number;
  /** Distinct claims (a duplicate row adds no claim). */
  claims: number;
  seed: number;
  asOf: string;
  /** Exact count per kind, every kind present (0 when not planted). */
  defects: Record<DefectKind, number>;
  /** Each defective row, in row order, up to `defectRowLimit`; absent when the limit is 0. */
  defectRows?: DefectRow[];
  /** False when `defectRows` is absent or was cut at the limit. */
  defectRowsComplete: boolean;
  /** Exact count of repairable variants per repair, every repair present (all 0 unless `repairableRate` > 0). */
  repairs: Record<RepairId, number>;
  /** Each varied row, in row order, up to `defectRowLimit` (the same limit); absent when it is 0. */
  repairRows?: RepairRow[];
  /** False when `repairRows` is absent or was cut at the limit. */
  repairRowsComplete: boolean;
}

/** Counts as rows are written, keeping at most `defectRowLimit` entries of each list in memory. */
export class ManifestRecorder {
  private rows = 0;
  private claims = 0;
  private readonly defects = Object.fromEntries(DEFECT_KINDS.map((kind) => [kind, 0])) as Record<DefectKind, number>;
  private readonly defectRows: DefectRow[] = [];
  private defectRowsComplete = true;
  private readonly repairs = Object.fromEntries(REPAIR_IDS.map((id) => [id, 0])) as Record<RepairId, number>;
  private readonly repairRows: RepairRow[] = [];
  private repairRowsComplete = true;

  constructor(private readonly settings: GenerationSettings) {}

  claimOpened(): void {
    this.claims += 1;
  }

  rowWritten(row: number, defect?: { kind: DefectKind; column: ProfessionalClaimColumn }): void {
    this.rows += 1;
    if (!defect) return;
    this.defects[defect.kind] += 1;
    if (this.defectRows.length < this.settings.defectRowLimit) this.defectRows.push({ row, ...defect });
    else this.defectRowsComplete = false;
  }

  /** A clean row written with a repairable variant (counted as a row by rowWritten, not here). */
  repairableWritten(row: number, variant: { column: ProfessionalClaimColumn; repair: RepairId }): void {
    this.repairs[variant.repair] += 1;
    if (this.repairRows.length < this.settings.defectRowLimit) this.repairRows.push({ row, ...variant });
    else this.repairRowsComplete = false;
  }

  result(): GenerationManifest {
    const { seed, asOf, defectRowLimit } = this.settings;
    const listed = defectRowLimit > 0;
    return {
      rows: this.rows,
      claims: this.claims,
      seed,
      asOf,
      defects: { ...this.defects },
      ...(listed ? { defectRows: [...this.defectRows] } : {}),
      defectRowsComplete: listed && this.defectRowsComplete,
      repairs: { ...this.repairs },
      ...(listed ? { repairRows: [...this.repairRows] } : {}),
      repairRowsComplete: listed && this.repairRowsComplete,
    };
  }
}
