// Runs Stryker once per module under mutation testing, then writes each module's score and its
// surviving mutants into bench/mutation (results.json and survivors.md), the committed report.
//
//   npm run test:mutation                 every module, incrementally against the committed baseline
//   npm run test:mutation -- auth audit   just these modules
//   npm run test:mutation -- --force auth  re-test every mutant of a module, as for a new baseline
//                                         (needed after new tests: Stryker keeps the old result of a
//                                         mutant no recorded test covers, e.g. one in a module-level constant)
//   npm run test:mutation -- --check      also fail when a module scores under 85%, or, for a module
//                                         still under 85%, under its committed score (CI runs this)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modules } from './modules.mjs';
import { renderSurvivors, scoreReport } from './score.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const resultsFile = join(here, 'results.json');
const THRESHOLD = 85;

const args = process.argv.slice(2);
const check = args.includes('--check');
const force = args.includes('--force');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !modules.some((m) => m.name === n));
if (unknown.length > 0) {
  console.error(`unknown module(s): ${unknown.join(', ')}; known: ${modules.map((m) => m.name).join(', ')}`);
  process.exit(2);
}
const selected = names.length > 0 ? names.map((n) => modules.find((m) => m.name === n)) : modules;

/** Read again before each write: another module's run may have finished in the meantime. */
const readResults = () => (existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : { modules: {} });
const committed = readResults().modules;
let failed = false;
for (const module of selected) {
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', ...(force ? ['--force'] : [])], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MUTATION_MODULE: module.name },
  });
  if (run.status !== 0) {
    console.error(`stryker failed for module ${module.name} (exit ${run.status})`);
    failed = true;
    continue;
  }
  const report = JSON.parse(readFileSync(join(root, 'reports', 'mutation', `${module.name}.json`), 'utf8'));
  const score = scoreReport(report, root);
  const results = readResults();
  results.modules[module.name] = { ...score.totals, seconds: Math.round((Date.now() - started) / 1000), measuredAt: new Date().toISOString() };
  results.threshold = THRESHOLD;
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(here, 'survivors', `${module.name}.md`), renderSurvivors(module.name, score));
  writeResultsTable(results);
  const line = `${module.name}: ${score.totals.score.toFixed(1)}% (${score.totals.killed} killed, ${score.totals.timeout} timed out, ${score.totals.survived} survived, ${score.totals.noCoverage} without coverage; ${score.totals.ignored} ignored as equivalent, ${score.totals.compileError} rejected by the type checker)`;
  console.log(line);
  // A module that reached the goal must keep it; one that has not yet must not lose ground.
  // (Half a point of slack: a mutant near the timeout may come out either way when re-tested.)
  const floor = Math.min(THRESHOLD, (committed[module.name]?.score ?? THRESHOLD) - 0.5);
  if (score.totals.score < THRESHOLD) console.log(`  below the ${THRESHOLD}% goal`);
  if (score.totals.score < floor) {
    console.log(`  below its floor of ${floor}%: see bench/mutation/survivors/${module.name}.md`);
    if (check) failed = true;
  }
}
process.exit(failed ? 1 : 0);

/** The README's results table, rewritten below its marker from results.json. */
function writeResultsTable(results) {
  const readme = join(here, 'README.md');
  const marker = '<!-- results -->';
  const text = readFileSync(readme, 'utf8');
  const rows = modules
    .filter((m) => results.modules[m.name])
    .map((m) => {
      const r = results.modules[m.name];
      return `| \`${m.name}\` | **${r.score.toFixed(1)}%** | ${r.killed + r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.ignored} | ${r.compileError} | ${r.seconds} s | ${r.measuredAt.slice(0, 10)} |`;
    });
  const table = [
    '| module | score | detected | survived | no coverage | equivalent | type errors | last run | measured |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  writeFileSync(readme, `${text.slice(0, text.indexOf(marker) + marker.length)}\n\n${table}\n`);
}
