export * from './expectations';
export * from './expectation-failed';
export * from './quality-stage';
export * from './release-stage';
export * from './repairs';
export { maskedShapeSql } from './judgement-sql';
export { DEFAULT_FRESHNESS_MAX_DAYS } from './freshness';
export { medallionTables } from './catalog-tables';
export { landedFileEdges } from './lineage-sql';
