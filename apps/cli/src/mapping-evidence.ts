import { table } from './output';

/** A proposed column as `ade validate` and `ade mapping show` print it. */
export interface ProposedColumnLike {
  canonical: string;
  source: string;
  confidence: number;
  applied: boolean;
  evidence: {
    header: { by: string; closestTo: string; score: number };
    values: { description: string; share: number; nonBlank: number } | null;
    rival: { canonical: string; source: string; confidence: number } | null;
  };
}

/** One table row per proposed column: where from, how sure, applied or asked, and why. */
export function proposalTable(columns: readonly ProposedColumnLike[]): string[] {
  const rows = columns.map((c) => [c.canonical, c.source, c.confidence.toFixed(2), c.applied ? 'yes' : 'ask', evidenceText(c.evidence)]);
  return table([['COLUMN', 'FROM', 'CONFIDENCE', 'APPLIED', 'EVIDENCE'], ...rows]);
}

function evidenceText({ header, values, rival }: ProposedColumnLike['evidence']): string {
  const parts = [
    header.by === 'name' ? 'the column name' : header.by === 'synonym' ? 'a known synonym' : header.by === 'values' ? 'values only' : `reads like ${header.closestTo} (${header.score.toFixed(2)})`,
  ];
  if (values) parts.push(`${Math.round(values.share * 100)}% of ${values.nonBlank} sampled values are ${values.description}`);
  if (rival) parts.push(`or ${rival.source} as ${rival.canonical} (${rival.confidence.toFixed(2)})`);
  return parts.join('; ');
}
