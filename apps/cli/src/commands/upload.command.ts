import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ApiClient } from '../api-client';
import { CliError, UsageError } from '../cli-io';
import { commonOptions, parse, requireOne, type Command } from '../command';
import { emit } from '../output';
import { authenticatedClient } from '../session';
import { findPipelineByName } from './pipeline-lookup';

const usage = 'ade upload FILE --pipeline NAME [--api-url URL] [--json]';

type UploadPlan =
  | { method: 'PUT'; url: string; path: string; expiresAt: string }
  | { method: 'MULTIPART'; path: string; uploadId: string; partSize: number; parts: Array<{ partNumber: number; url: string }>; expiresAt: string };

export const uploadCommand: Command = {
  path: ['upload'],
  usage,
  summary: "Send a file to a pipeline's source in your landing zone (straight to storage, by short-lived URLs; large files in parts)",
  async run(argv, io) {
    const { values, positionals } = parse(argv, { ...commonOptions, pipeline: { type: 'string' } }, usage);
    const file = requireOne(positionals, 'FILE', usage);
    if (!values.pipeline) throw new UsageError(`--pipeline is required\nusage: ${usage}`);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new UsageError(`file not found: ${file}`);
    const client = await authenticatedClient(io, values['api-url']);
    const pipeline = await findPipelineByName(client, values.pipeline);
    const uploads = `/v1/pipelines/${pipeline.id}/uploads`;
    const plan = await client.post<UploadPlan>(uploads, { fileName: basename(file), sizeBytes: info.size });
    if (plan.method === 'PUT') await put(plan.url, file, 0, info.size);
    else await uploadInParts(client, uploads, plan, file, info.size);
    emit(io, values.json, { pipeline: pipeline.name, path: plan.path, bytes: info.size, parts: plan.method === 'PUT' ? 1 : plan.parts.length }, () => [
      `Uploaded ${file} (${info.size} bytes${plan.method === 'PUT' ? '' : `, ${plan.parts.length} parts`}) to ${plan.path} for pipeline ${pipeline.name}; its next run lands it`,
    ]);
    return 0;
  },
};

/**
 * Each part from its own slice of the file, one at a time. An upload that fails part-way is never
 * completed, so no run sees a partial file; the bucket's lifecycle rule removes its parts.
 */
async function uploadInParts(client: ApiClient, uploads: string, plan: Extract<UploadPlan, { method: 'MULTIPART' }>, file: string, size: number): Promise<void> {
  const sent: Array<{ partNumber: number; etag: string }> = [];
  for (const part of plan.parts) {
    const start = (part.partNumber - 1) * plan.partSize;
    const etag = await put(part.url, file, start, Math.min(plan.partSize, size - start));
    sent.push({ partNumber: part.partNumber, etag });
  }
  await client.post(`${uploads}/complete`, { path: plan.path, uploadId: plan.uploadId, parts: sent });
}

/** PUTs `length` bytes of the file from `start`; answers the store's ETag. */
async function put(url: string, file: string, start: number, length: number): Promise<string> {
  const body = length === 0 ? '' : (Readable.toWeb(createReadStream(file, { start, end: start + length - 1 })) as ReadableStream);
  const response = await fetch(url, { method: 'PUT', headers: { 'content-length': String(length) }, body, duplex: 'half' } as RequestInit).catch((error: unknown) => {
    throw new CliError(`the upload of ${file} could not reach the landing store: ${(error as Error).message}`);
  });
  if (!response.ok) {
    // S3 answers with an XML error: its <Code> says why (AccessDenied for an expired URL), never the file.
    const code = /<Code>([^<]{1,64})<\/Code>/.exec(await response.text())?.[1] ?? `HTTP ${response.status}`;
    throw new CliError(`the landing store refused the upload of ${file} (${code}); ask for a new URL by running the command again`);
  }
  await response.arrayBuffer();
  return response.headers.get('etag') ?? '';
}
