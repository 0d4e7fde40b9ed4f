// Scores a Stryker JSON report (mutation-testing-report-schema) and lists what a reviewer must
// look at: every surviving or uncovered mutant, and every mutant ignored as equivalent with the
// reason written beside it in the source (`// Stryker disable next-line <mutator>: <reason>`).
import { relative } from 'node:path';

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

export function scoreReport(report, root) {
  const totals = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, compileError: 0, runtimeError: 0 };
  const undetected = [];
  const ignored = [];
  const files = {};
  for (const [path, file] of Object.entries(report.files)) {
    const name = path.startsWith('/') ? relative(root, path) : path;
    const perFile = { detected: 0, undetected: 0 };
    for (const mutant of file.mutants) {
      const entry = {
        file: name,
        line: mutant.location.start.line,
        mutator: mutant.mutatorName,
        original: sourceAt(file.source, mutant.location),
        replacement: mutant.replacement,
        reason: mutant.statusReason,
      };
      switch (mutant.status) {
        case 'Killed': totals.killed++; break;
        case 'Timeout': totals.timeout++; break;
        case 'Survived': totals.survived++; break;
        case 'NoCoverage': totals.noCoverage++; break;
        case 'Ignored': totals.ignored++; ignored.push(entry); break;
        case 'CompileError': totals.compileError++; break;
        default: totals.runtimeError++;
      }
      if (DETECTED.has(mutant.status)) perFile.detected++;
      if (UNDETECTED.has(mutant.status)) {
        perFile.undetected++;
        undetected.push({ ...entry, status: mutant.status });
      }
    }
    files[name] = perFile;
  }
  const detected = totals.killed + totals.timeout;
  const valid = detected + totals.survived + totals.noCoverage;
  totals.score = valid === 0 ? 100 : Math.round((detected / valid) * 1000) / 10;
  const byPlace = (a, b) => a.file.localeCompare(b.file) || a.line - b.line;
  return { totals, files, undetected: undetected.sort(byPlace), ignored: ignored.sort(byPlace) };
}

export function renderSurvivors(moduleName, { totals, files, undetected, ignored }) {
  const lines = [
    `# ${moduleName}: ${totals.score}% mutation score`,
    '',
    'Written by `npm run test:mutation`; do not edit by hand.',
    '',
    `Killed ${totals.killed}, timed out ${totals.timeout}, survived ${totals.survived}, without coverage ${totals.noCoverage};`,
    `ignored as equivalent ${totals.ignored}; rejected by the type checker ${totals.compileError}.`,
    '',
    '## Per file (detected / undetected)',
    '',
    ...Object.entries(files)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([file, f]) => `- \`${file}\`: ${f.detected} / ${f.undetected}`),
    '',
    `## Undetected mutants (${undetected.length})`,
    '',
    ...(undetected.length === 0
      ? ['None.']
      : undetected.map((m) => `- \`${m.file}:${m.line}\` ${m.status} ${m.mutator}: \`${oneLine(m.original)}\` → \`${oneLine(m.replacement)}\``)),
    '',
    `## Ignored as equivalent (${ignored.length}), with the reason given in the source`,
    '',
    ...(ignored.length === 0 ? ['None.'] : ignored.map((m) => `- \`${m.file}:${m.line}\` ${m.mutator}: ${m.reason ?? ''}`)),
    '',
  ];
  return lines.join('\n');
}

function sourceAt(source, { start, end }) {
  const lines = source.split('\n').slice(start.line - 1, end.line);
  if (lines.length === 0) return '';
  lines[lines.length - 1] = lines[lines.length - 1].slice(0, end.column - 1);
  lines[0] = lines[0].slice(start.column - 1);
  return lines.join('\n');
}

function oneLine(text = '') {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}
