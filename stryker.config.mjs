// @ts-check
// Mutation testing (issue 21). Run through `npm run test:mutation`, which runs one module at a
// time (MUTATION_MODULE) so each has its own incremental baseline and its own score.
import { writeFileSync } from 'node:fs';
import { mutateGlobs, selectedModules } from './bench/mutation/modules.mjs';

const moduleName = process.env.MUTATION_MODULE ?? 'all';

/**
 * The type checker's project: the mutated files (and, through their imports, what they use), not
 * the whole repository. Checking every dependent of libs/contracts for each mutant cost more than
 * running the tests. Written beside this file so Stryker copies it into its sandbox.
 */
function checkerTsconfig() {
  const file = `bench/mutation/.tsconfig.${moduleName}.json`;
  const include = selectedModules(process.env.MUTATION_MODULE)
    .flatMap((m) => m.mutate)
    .flatMap(expandBraces)
    .map((glob) => `../../${glob}`);
  writeFileSync(file, `${JSON.stringify({ extends: '../../tsconfig.json', include, exclude: ['../../**/*.spec.ts', '../../**/test/**'] }, null, 2)}\n`);
  return file;
}

/** `a/{b,c}.ts` → `a/b.ts`, `a/c.ts`: tsconfig globs know no braces. */
function expandBraces(glob) {
  const match = /\{([^{}]*)\}/.exec(glob);
  if (!match) return [glob];
  return match[1].split(',').flatMap((part) => expandBraces(glob.slice(0, match.index) + part + glob.slice(match.index + match[0].length)));
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.mts', related: true },
  checkers: ['typescript'],
  tsconfigFile: checkerTsconfig(),
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
