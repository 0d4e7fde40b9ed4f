import type { CliIo } from '../src/cli-io';
import { runCli } from '../src/run-cli';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in-process with captured output and its own config directory. */
export function cliRunner(env: Record<string, string>) {
  return async (...argv: string[]): Promise<CliResult> => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      env,
      prompt: async () => env.ADE_PASSWORD ?? '',
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 100))),
    };
    const code = await runCli(argv, io);
    return { code, stdout, stderr };
  };
}
