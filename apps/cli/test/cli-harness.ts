import type { CliIo } from '../src/cli-io';
import { runCli } from '../src/run-cli';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI in-process with captured output and its own config directory. A prompt is
 * answered by `answer` (given the question and what was printed so far), else with ADE_PASSWORD.
 */
export function cliRunner(env: Record<string, string>, answer?: (question: string, printed: string) => string | undefined, options: { interactive?: boolean } = {}) {
  return async (...argv: string[]): Promise<CliResult> => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      env,
      prompt: async (question) => answer?.(question, stdout) ?? env.ADE_PASSWORD ?? '',
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 100))),
      interactive: options.interactive ?? false,
    };
    const code = await runCli(argv, io);
    return { code, stdout, stderr };
  };
}
