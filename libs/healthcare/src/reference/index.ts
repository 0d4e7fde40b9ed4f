export * from './icd10cm-calendar';
export * from './reference-tables';
