import { defineConfig } from 'vitest/config';
import base from './vitest.config.mts';
import { mutationSpecs } from './bench/mutation/modules.mjs';

// The specs Stryker runs against each mutant: those that exercise the modules under mutation
// (bench/mutation/modules.mjs). The rest of the suite cannot kill their mutants and would only
// slow each mutant's run. (mergeConfig would append to the base include list, so it is replaced.)
export default defineConfig({ ...base, test: { ...base.test, include: mutationSpecs() } });
