import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { CliError, UsageError } from '../cli-io';
import { commonOptions, parse, requireOne, type Command } from '../command';
import { emit } from '../output';
import { authenticatedClient } from '../session';
import { findPipelineByName } from './pipeline-lookup';

const usage = 'ade upload FILE --pipeline NAME [--api-url URL] [--json]';

/** S3 takes one PUT of up to 5 GiB; larger files need a multipart upload, which this command does not do yet. */
const MAX_SINGLE_PUT = 5 * 1024 ** 3;

interface UploadUrl {
  method: 'PUT';
  url: string;
  path: string;
  expiresAt: string;
}

export const uploadCommand: Command = {
  path: ['upload'],
  usage,
  summary: "Send a file to a pipeline's source in your landing zone (straight to storage, by a short-lived URL)",
  async run(argv, io) {
    const { values, positionals } = parse(argv, { ...commonOptions, pipeline: { type: 'string' } }, usage);
    const file = requireOne(positionals, 'FILE', usage);
    if (!values.pipeline) throw new UsageError(`--pipeline is required\nusage: ${usage}`);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new UsageError(`file not found: ${file}`);
    if (info.size > MAX_SINGLE_PUT) throw new CliError(`${file} is larger than 5 GiB, the most one upload takes; split it, or deliver it to the bucket directly`);
    const client = await authenticatedClient(io, values['api-url']);
    const pipeline = await findPipelineByName(client, values.pipeline);
    const target = await client.post<UploadUrl>(`/v1/pipelines/${pipeline.id}/uploads`, { fileName: basename(file) });
    const response = await fetch(target.url, {
      method: 'PUT',
      headers: { 'content-length': String(info.size) },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit).catch((error: unknown) => {
      throw new CliError(`the upload of ${file} could not reach the landing store: ${(error as Error).message}`);
    });
    if (!response.ok) {
      // S3 answers with an XML error: its <Code> says why (AccessDenied for an expired URL), never the file.
      const code = /<Code>([^<]{1,64})<\/Code>/.exec(await response.text())?.[1] ?? `HTTP ${response.status}`;
      throw new CliError(`the landing store refused the upload of ${file} (${code}); ask for a new URL by running the command again`);
    }
    emit(io, values.json, { pipeline: pipeline.name, path: target.path, bytes: info.size }, () => [
      `Uploaded ${file} (${info.size} bytes) to ${target.path} for pipeline ${pipeline.name}; its next run lands it`,
    ]);
    return 0;
  },
};
