import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './repo-root';

const PEAK_RSS_PRELOAD = join(repoRoot(), 'bench/support/peak-rss.cjs');

export interface ChildMeasurement {
  /** Wall time of the whole process, start-up included. */
  ms: number;
  peakRssBytes: number;
  stdout: string;
}

/** Runs `node <args>` in its own process and measures its wall time and peak RSS; fails on a non-zero exit. */
export async function measureNodeProcess(args: string[], env: Record<string, string> = {}): Promise<ChildMeasurement> {
  const dir = await mkdtemp(join(tmpdir(), 'ade-bench-rss-'));
  const rssFile = join(dir, 'peak-rss');
  try {
    const started = performance.now();
    const child = spawn(process.execPath, ['-r', PEAK_RSS_PRELOAD, ...args], {
      env: { ...process.env, ...env, ADE_BENCH_PEAK_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    const ms = performance.now() - started;
    if (code !== 0) throw new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(0, 2000)}`);
    return { ms, peakRssBytes: Number(await readFile(rssFile, 'utf8')), stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
