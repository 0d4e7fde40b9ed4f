import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** A call of one of Spark's regex functions, with the pattern as Spark's parser hands it over. */
export type SparkRegexCall =
  | { fn: 'like'; regex: string; value: string }
  | { fn: 'extract'; regex: string; value: string; group: number }
  | { fn: 'replace'; regex: string; value: string; replacement: string }
  | { fn: 'extract_all'; regex: string; value: string; group: number };

const SOURCE = join(__dirname, 'SparkRegex.java');

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * Runs the calls through java.util.regex as Spark does (see SparkRegex.java), in one JVM, and
 * returns each answer: 'true'/'false' for like, the text for extract and replace, the groups
 * joined by commas, each Base64, for extract_all. Needs a JDK
 * (`npm run services` installs one on Debian).
 */
export function runSparkRegex(calls: readonly SparkRegexCall[]): string[] {
  const lines = calls.map((call) => {
    const extra = call.fn === 'like' ? '' : call.fn === 'replace' ? `\t${encode(call.replacement)}` : `\t${call.group}`;
    return `${call.fn}\t${encode(call.regex)}\t${encode(call.value)}${extra}`;
  });
  const run = spawnSync('java', [SOURCE], { input: `${lines.join('\n')}\n`, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error) {
    throw new Error(`cannot run java (${run.error.message}); install a JDK: npm run services, or apt-get install default-jdk-headless`);
  }
  if (run.status !== 0) throw new Error(`SparkRegex.java failed: ${run.stderr}`);
  // One line per answer, each ending in a line break; an empty answer is an empty line.
  const answers = run.stdout.split('\n').slice(0, -1).map((line) => Buffer.from(line, 'base64').toString('utf8'));
  if (answers.length !== calls.length) throw new Error(`SparkRegex.java answered ${answers.length} of ${calls.length} calls`);
  return answers;
}
