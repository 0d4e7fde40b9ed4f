export * from './canonical-schema';
export * from './canonical-schemas';
export * from './check-rule-roles';
export * from './generator-defect-rules';
