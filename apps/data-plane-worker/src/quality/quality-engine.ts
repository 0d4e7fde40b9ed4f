import { ContractViolation, type EngineKind } from '@ade/contracts';

/**
 * A quarantine release renders as DuckDB SQL only, so far (the run's quality stage renders for
 * both engines). It is refused on another engine before it moves anything, rather than failing
 * halfway.
 */
export function assertQualityStageEngine(engine: EngineKind, work: string): void {
  if (engine === 'embedded') return;
  throw new ContractViolation(
    `${work} runs on the embedded engine only so far; this tenant's catalog is on Databricks, where pipeline runs, catalog init, health checks and exports run`,
  );
}
