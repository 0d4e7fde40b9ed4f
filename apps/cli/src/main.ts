import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

/** Reads a secret without echoing it on a terminal; reads one line when stdin is piped. */
function prompt(question: string): Promise<string> {
  process.stderr.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: Boolean(process.stdin.isTTY) });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  prompt,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  interactive: Boolean(process.stderr.isTTY),
};

runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
