export * from './detect-anomalies';
export * from './robust-stats';
