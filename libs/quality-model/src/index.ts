export * from './anomalies';
export * from './claim-roles';
export * from './expectations/dataset-rule-defaults';
export * from './expectations/expectation-defaults';
