import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { testQueueSigningKeys, testRedisUrl } from '@ade/testing';

const ENTRY = resolve(__dirname, '../../../dist/apps/data-plane-worker/src/main.js');

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** The compiled worker as its own OS process, so a test can kill it the hard way. */
export function spawnWorkerProcess(env: Record<string, string>): WorkerProcess {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing; run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH, REDIS_URL: testRedisUrl, ...(env.WORKER_TENANT_KEYS === undefined ? { QUEUE_SIGNING_KEYS: testQueueSigningKeys } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return { child, output: () => output, exited };
}
