export * from './rule-inputs';
export * from './unusable-input';
export * from './validate-file';
export * from './validation-report';
export * from './pipeline';
export { DEFAULT_VALIDATION_MEMORY_LIMIT, type ValidationEngineOptions } from './validation-engine';
export { profileColumns, profileFile, PROFILE_SAMPLE_ROWS } from './column-profiles';
