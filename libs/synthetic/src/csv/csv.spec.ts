import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '@ade/healthcare';
import { ChunkedTextWriter } from './chunked-text-writer';
import { csvField, csvLine } from './csv-line';

describe('csvLine', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField("O'Brien")).toBe("O'Brien");
    expect(csvField('Smith, Jr.')).toBe('"Smith, Jr."');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('round-trips through an RFC 4180 parser', () => {
    const fields = ['a', '', 'Smith, Jr.', 'say "hi"', 'line\r\nbreak', ' padded '];
    expect(parseCsv(csvLine(fields))).toEqual([fields]);
  });
});

describe('ChunkedTextWriter', () => {
  it('batches pushes into chunks for a callback sink', async () => {
    const chunks: string[] = [];
    const writer = new ChunkedTextWriter((chunk) => {
      chunks.push(chunk);
    }, 10);
    for (const text of ['abcd', 'efgh', 'ijkl', 'mn']) if (writer.push(text)) await writer.flush();
    await writer.flush();
    expect(chunks).toEqual(['abcdefghijkl', 'mn']);
    expect(writer.charsWritten).toBe(14);
  });

  it('waits for drain when the stream pushes back', async () => {
    const received: string[] = [];
    let pendingCallbacks = 0;
    // A slow consumer with a tiny buffer: write() returns false almost at once.
    const slow = new Writable({
      highWaterMark: 4,
      decodeStrings: false,
      write(chunk: string, _encoding, callback) {
        received.push(chunk);
        pendingCallbacks += 1;
        setTimeout(() => {
          pendingCallbacks -= 1;
          callback();
        }, 1);
      },
    });
    const writer = new ChunkedTextWriter(slow, 8);
    for (let i = 0; i < 50; i += 1) {
      if (writer.push(`row${i}\n`)) {
        await writer.flush();
        // After a flush returns, the stream is never holding more than one unfinished chunk.
        expect(pendingCallbacks).toBeLessThanOrEqual(1);
      }
    }
    await writer.flush();
    expect(received.join('')).toBe(Array.from({ length: 50 }, (_, i) => `row${i}\n`).join(''));
  });

  it('surfaces a stream error raised while waiting for drain', async () => {
    const stream = new PassThrough({ highWaterMark: 1 });
    const writer = new ChunkedTextWriter(stream, 1);
    writer.push('x');
    const flushing = writer.flush();
    stream.destroy(new Error('disk full'));
    await expect(flushing).rejects.toThrow('disk full');
  });
});
