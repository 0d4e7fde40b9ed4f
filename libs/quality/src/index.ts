export * from './rule-inputs';
export * from './unusable-input';
export * from './validate-file';
export * from './validation-report';
export * from './anomalies';
export * from './pipeline';
