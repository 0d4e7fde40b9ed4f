import type { ExpectationResult, QualityScores, RepairCount } from '@ade/contracts';
import type { SqlSession } from '@ade/lakehouse';
import type { Expectation } from './expectations';
import { resultsSql, samplesSql, summarySql } from './judgement-sql';
import type { StagePlan } from './stage-sql';
import { duckdbStage, type StageDialect } from '../sql/stage-dialect';

/** What one pass over the staged rows found. */
export interface Judgement {
  rows: number;
  dropped: number;
  warned: number;
  repaired: number;
  scores: QualityScores;
  expectations: ExpectationResult[];
  repairs: RepairCount[];
}

/**
 * Stages the rows, runs the expectations' lookups, judges every row against every expectation in
 * one vectorized pass and summarizes it in one more scan. The staged rows and their results stay
 * in the session (temp tables) for the writes that follow.
 */
export async function judgeRows(session: SqlSession, stage: StagePlan, expectations: readonly Expectation[], dialect: StageDialect = duckdbStage): Promise<Judgement> {
  await session.execute(stage.sql);
  const prepared = new Set<string>();
  for (const statement of expectations.flatMap((expectation) => expectation.prepareSql)) {
    if (prepared.has(statement)) continue;
    prepared.add(statement);
    await session.execute(statement);
  }
  for (const statement of resultsSql(expectations, dialect)) await session.execute(statement);
  const [summary] = await session.query(summarySql(expectations, stage, dialect));
  const row = summary!;
  const rows = Number(row['rows']);
  const failing = expectations.flatMap((_, index) => (Number(row[`f${index}`]) > 0 ? [index] : []));
  const samplesQuery = samplesSql(expectations, failing, stage, dialect);
  const samples = new Map<number, string[]>();
  if (samplesQuery) for (const sample of await session.query(samplesQuery)) samples.set(Number(sample['expectation']), sample['samples'] as string[]);
  const share = (failing: unknown) => (rows === 0 ? 1 : round4(1 - Number(failing) / rows));
  return {
    rows,
    dropped: Number(row['dropped']),
    warned: Number(row['warned']),
    repaired: Number(row['repaired']),
    scores: {
      completeness: share(row['dim_completeness']),
      validity: share(row['dim_validity']),
      uniqueness: share(row['dim_uniqueness']),
      consistency: share(row['dim_consistency']),
      overall: share(row['failing']),
    },
    expectations: expectations.map((expectation, index) => ({
      id: expectation.id,
      rule: expectation.rule,
      family: expectation.family,
      dimension: expectation.dimension,
      action: expectation.action,
      column: expectation.column,
      failed: Number(row[`f${index}`]),
      samples: samples.get(index) ?? [],
    })),
    repairs: stage.repairFlags
      .map((flag, index) => ({ repair: flag.repair, column: flag.column, count: Number(row[`r${index}`]) }))
      .filter((repair) => repair.count > 0),
  };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
