import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AUTO_APPLY_THRESHOLD, canonicalSchema, proposeLikeliestType, proposeMapping, recognizeLayout, type MappingProposal } from '@ade/healthcare';
import { profileFile } from '@ade/quality';
import { writeCaseFile } from './case-file';
import { layoutCases, type LayoutCase } from './layout-cases';

/** How the profiler's proposal for one layout compares with the hand-made answer. */
export interface LayoutScore {
  id: string;
  name: string;
  origin: LayoutCase['origin'];
  dataType: string;
  headers: number;
  /** Canonical columns the file really has (the answer's size). */
  answer: number;
  proposed: number;
  correct: number;
  /** correct / proposed. */
  precision: number;
  /** correct / answer. */
  recall: number;
  applied: number;
  /** Applied proposals that disagree with the answer: the goal is none. */
  appliedWrong: number;
  /** correct and applied / answer: how much needed no one to confirm it. */
  appliedRecall: number;
  /** The data type the profiler picks when none is given. */
  inferredType: string | null;
  /** The shipped layout recognised by header, if any (the profiler is measured without it). */
  recognizedAs: string | null;
  misses: Array<{ canonical: string; expected: string; proposed: string | null; confidence: number | null }>;
  wrongApplied: Array<{ canonical: string; proposed: string; confidence: number }>;
  profileMs: number;
}

export interface LayoutsBenchResult {
  rowsPerFile: number;
  threshold: number;
  layouts: LayoutScore[];
  overall: { answer: number; proposed: number; correct: number; precision: number; recall: number; appliedRecall: number; appliedWrong: number };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);

export function scoreProposal(layoutCase: LayoutCase, proposal: MappingProposal): Pick<LayoutScore, 'proposed' | 'correct' | 'applied' | 'appliedWrong' | 'misses' | 'wrongApplied'> & { appliedCorrect: number } {
  const bySource = new Map(proposal.columns.map((column) => [column.canonical, column]));
  let correct = 0;
  let appliedCorrect = 0;
  const misses: LayoutScore['misses'] = [];
  for (const [canonical, expected] of Object.entries(layoutCase.answer)) {
    const proposed = bySource.get(canonical);
    if (proposed?.source === expected) {
      correct += 1;
      if (proposed.applied) appliedCorrect += 1;
    } else {
      misses.push({ canonical, expected, proposed: proposed?.source ?? null, confidence: proposed?.confidence ?? null });
    }
  }
  const wrongApplied = proposal.columns
    .filter((column) => column.applied && layoutCase.answer[column.canonical] !== column.source)
    .map((column) => ({ canonical: column.canonical, proposed: column.source, confidence: column.confidence }));
  return {
    proposed: proposal.columns.length,
    correct,
    applied: proposal.columns.filter((column) => column.applied).length,
    appliedWrong: wrongApplied.length,
    appliedCorrect,
    misses,
    wrongApplied,
  };
}

/** Writes each case's file, profiles it in the engine and scores the profiler's proposal against the answer. */
export async function runLayoutsBench(rowsPerFile: number): Promise<LayoutsBenchResult> {
  const directory = await mkdtemp(join(tmpdir(), 'ade-bench-layouts-'));
  try {
    const layouts: LayoutScore[] = [];
    for (const layoutCase of layoutCases()) {
      const path = await writeCaseFile(layoutCase, directory, rowsPerFile);
      const started = performance.now();
      const { headers, profiles } = await profileFile({ path, delimiter: layoutCase.delimiter });
      const profileMs = Math.round(performance.now() - started);
      const proposal = proposeMapping(headers, canonicalSchema(layoutCase.dataType), profiles);
      const { appliedCorrect, ...score } = scoreProposal(layoutCase, proposal);
      const answer = Object.keys(layoutCase.answer).length;
      layouts.push({
        id: layoutCase.id,
        name: layoutCase.name,
        origin: layoutCase.origin,
        dataType: layoutCase.dataType,
        headers: headers.length,
        answer,
        ...score,
        precision: ratio(score.correct, score.proposed),
        recall: ratio(score.correct, answer),
        appliedRecall: ratio(appliedCorrect, answer),
        inferredType: proposeLikeliestType(headers, profiles)?.dataType ?? null,
        recognizedAs: recognizeLayout(headers)?.id ?? null,
        profileMs,
      });
    }
    const sum = (pick: (score: LayoutScore) => number) => layouts.reduce((total, score) => total + pick(score), 0);
    const appliedCorrect = sum((score) => Math.round(score.appliedRecall * score.answer));
    return {
      rowsPerFile,
      threshold: AUTO_APPLY_THRESHOLD,
      layouts,
      overall: {
        answer: sum((s) => s.answer),
        proposed: sum((s) => s.proposed),
        correct: sum((s) => s.correct),
        precision: ratio(sum((s) => s.correct), sum((s) => s.proposed)),
        recall: ratio(sum((s) => s.correct), sum((s) => s.answer)),
        appliedRecall: ratio(appliedCorrect, sum((s) => s.answer)),
        appliedWrong: sum((s) => s.appliedWrong),
      },
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rows = Number(process.env['BENCH_LAYOUT_ROWS'] ?? 2000);
  const result = await runLayoutsBench(rows);
  for (const score of result.layouts) {
    console.log(
      `${score.id.padEnd(30)} ${score.origin.padEnd(9)} P=${score.precision.toFixed(3)} R=${score.recall.toFixed(3)} applied R=${score.appliedRecall.toFixed(3)} wrong applied=${score.appliedWrong} type=${score.inferredType} ${score.profileMs} ms`,
    );
    for (const miss of score.misses) console.log(`    miss ${miss.canonical}: expected ${miss.expected}, proposed ${miss.proposed ?? '-'} (${miss.confidence ?? '-'})`);
    for (const wrong of score.wrongApplied) console.log(`    WRONG APPLIED ${wrong.canonical} <- ${wrong.proposed} (${wrong.confidence})`);
  }
  console.log('overall', JSON.stringify(result.overall));
  await writeFile(resolve(__dirname, '../../../bench/layouts/results.json'), `${JSON.stringify(result, null, 2)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
