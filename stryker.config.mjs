// @ts-check
// Mutation testing (issue 21). Run through `npm run test:mutation`, which runs one module at a
// time (MUTATION_MODULE) so each has its own incremental baseline and its own score.
import { mutateGlobs } from './bench/mutation/modules.mjs';

const moduleName = process.env.MUTATION_MODULE ?? 'all';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.mts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: mutateGlobs(process.env.MUTATION_MODULE),
  concurrency: 2,
  timeoutMS: 5_000,
  // The committed baseline: a run re-tests only mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: `bench/mutation/incremental/${moduleName}.json`,
  reporters: ['progress-append-only', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${moduleName}.json` },
  htmlReporter: { fileName: `reports/mutation/${moduleName}.html` },
  tempDirName: `.stryker-tmp/${moduleName}`,
  cleanTempDir: 'always',
  // Other modules' sandboxes, reports and build output are no part of the project under test.
  ignorePatterns: ['.stryker-tmp', 'reports', 'dist', '.ade'],
  warnings: { slow: false },
};

export default config;
