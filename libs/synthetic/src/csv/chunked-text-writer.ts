/** Where generated text goes: a writable stream, or a callback (which may return a promise). */
export type TextSink = NodeJS.WritableStream | ((chunk: string) => void | Promise<void>);

const DEFAULT_CHUNK_CHARS = 256 * 1024;

/**
 * Gathers small strings into large chunks before handing them to the sink: a write per row costs
 * far more than the row itself. Waits for 'drain' when a stream says its buffer is full, so memory
 * stays bounded however slow the consumer is. The stream is never ended here; its owner ends it.
 */
export class ChunkedTextWriter {
  private parts: string[] = [];
  private bufferedChars = 0;
  private writtenChars = 0;

  constructor(
    private readonly sink: TextSink,
    private readonly chunkChars = DEFAULT_CHUNK_CHARS,
  ) {}

  /** Buffers `text`; true when the caller should `await flush()` before pushing more. */
  push(text: string): boolean {
    this.parts.push(text);
    this.bufferedChars += text.length;
    return this.bufferedChars >= this.chunkChars;
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.bufferedChars = 0;
    this.writtenChars += chunk.length;
    if (typeof this.sink === 'function') {
      await this.sink(chunk);
      return;
    }
    throwIfBroken(this.sink);
    if (!this.sink.write(chunk)) await waitForDrain(this.sink);
  }

  /** Characters handed to the sink so far (equal to bytes for ASCII output). */
  get charsWritten(): number {
    return this.writtenChars;
  }
}

/** Node's Writable state, which the NodeJS.WritableStream interface does not declare. */
interface WritableState {
  destroyed?: boolean;
  errored?: Error | null;
}

/** A stream that already failed would swallow the write and never drain: fail now instead. */
function throwIfBroken(stream: NodeJS.WritableStream): void {
  const state = stream as NodeJS.WritableStream & WritableState;
  if (state.errored) throw state.errored;
  if (state.destroyed) throw new Error('The output stream was closed before generation finished');
}

/** Resolves on 'drain'; rejects on 'error' or on 'close' (a destroyed stream never drains). */
function waitForDrain(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      stream.removeListener('drain', onDrain);
      stream.removeListener('error', onError);
      stream.removeListener('close', onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      const { errored } = stream as NodeJS.WritableStream & WritableState;
      reject(errored ?? new Error('The output stream closed before it drained'));
    };
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}
