import { DEFECT_KINDS, type DefectKind } from './defects/defect-kinds';
import type { ProfessionalClaimColumn } from './claims/professional-claim-columns';
import type { GenerationSettings } from './generation-options';

export interface DefectRow {
  /** 1-based data row (the header is row 0). */
  row: number;
  kind: DefectKind;
  /** The column that carries the defect; `claim_id` for a duplicate (the whole row repeats). */
  column: ProfessionalClaimColumn;
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
}

/** Counts as rows are written, keeping at most `defectRowLimit` row entries in memory. */
export class ManifestRecorder {
  private rows = 0;
  private claims = 0;
  private readonly defects = Object.fromEntries(DEFECT_KINDS.map((kind) => [kind, 0])) as Record<DefectKind, number>;
  private readonly defectRows: DefectRow[] = [];
  private defectRowsComplete = true;

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

  result(): GenerationManifest {
    const { seed, asOf, defectRowLimit } = this.settings;
    return {
      rows: this.rows,
      claims: this.claims,
      seed,
      asOf,
      defects: { ...this.defects },
      ...(defectRowLimit > 0 ? { defectRows: [...this.defectRows] } : {}),
      defectRowsComplete: defectRowLimit > 0 && this.defectRowsComplete,
    };
  }
}
