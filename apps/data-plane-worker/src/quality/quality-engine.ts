import { ContractViolation, type EngineKind } from '@ade/contracts';

/**
 * The quality stage's healthcare rules and expectations render as DuckDB SQL only, so far. Work
 * that needs the stage is refused on another engine before it lands or moves anything, rather
 * than failing halfway with bronze written and silver not.
 */
export function assertQualityStageEngine(engine: EngineKind, work: string): void {
  if (engine === 'embedded') return;
  throw new ContractViolation(
    `${work} needs the quality stage, which runs on the embedded engine only so far; this tenant's catalog is on Databricks, where catalog init, health checks and exports run`,
  );
}
