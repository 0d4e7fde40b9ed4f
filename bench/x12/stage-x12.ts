import { writeX12AsNdjson } from '@ade/healthcare';

/**
 * What a pipeline does with an 837 file, as a process of its own: read it as a stream into
 * canonical claim lines written as NDJSON. Usage: node dist/bench/x12/stage-x12.js FILE OUTPUT
 */
async function main(input: string, output: string): Promise<void> {
  const { claims, lines, transactionSets, findings } = await writeX12AsNdjson(input, output);
  process.stdout.write(`${JSON.stringify({ claims, lines, transactionSets, findings: findings.length })}\n`);
}

main(process.argv[2]!, process.argv[3]!).catch((error: unknown) => {
  process.stderr.write(`staging failed: ${(error as Error).message}\n`);
  process.exit(1);
});
