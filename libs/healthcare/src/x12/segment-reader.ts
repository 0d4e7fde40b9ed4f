import { ISA_LENGTH, readIsaHeader, type IsaHeader } from './isa-header';
import { X12Error } from './x12-error';
import type { X12Seg } from './x12-segment';

/** Before the first ISA, between segments and after the last: line breaks and spaces, not X12. */
const LEADING_SPACE = /^[\s\uFEFF]+/;
const TRAILING_BREAK = /[\r\n]+$/;

/**
 * Splits X12 text into segments as it arrives, chunk by chunk, so an interchange of any size is
 * read in bounded memory. The delimiters are those the ISA declares at its fixed offsets; each
 * further ISA in the file (one file may carry several interchanges) declares its own element and
 * component separators, though it must share the first one's segment terminator, which is what
 * finds it. Line breaks after a terminator are not part of the next segment, and the last segment
 * may lack its terminator. Positions count segments from the file's first ISA, which is 1.
 */
export class SegmentReader {
  private buffer = '';
  private isa: IsaHeader | null = null;
  private position = 0;

  /** The segments the text completes, in order. */
  push(chunk: string): X12Seg[] {
    this.buffer += chunk;
    if (this.isa === null) {
      this.buffer = this.buffer.replace(LEADING_SPACE, '');
      if (this.buffer.length < ISA_LENGTH) return [];
      this.isa = readIsaHeader(this.buffer);
    }
    const segments: X12Seg[] = [];
    const terminator = this.isa.segmentTerminator;
    let start = 0;
    for (let end = this.buffer.indexOf(terminator); end >= 0; end = this.buffer.indexOf(terminator, start)) {
      const segment = this.segment(this.buffer.slice(start, end));
      if (segment) segments.push(segment);
      start = end + 1;
    }
    this.buffer = this.buffer.slice(start);
    return segments;
  }

  /** The last segment when it has no terminator; throws when the text never held a whole ISA. */
  end(): X12Seg[] {
    if (this.isa === null) {
      // Too short for an ISA: readIsaHeader says what is wrong with what there is.
      readIsaHeader(this.buffer.replace(LEADING_SPACE, ''));
      return [];
    }
    const last = this.segment(this.buffer);
    this.buffer = '';
    return last ? [last] : [];
  }

  private segment(raw: string): X12Seg | null {
    const text = raw.replace(LEADING_SPACE, '').replace(TRAILING_BREAK, '');
    if (text === '') return null;
    this.position += 1;
    if (text.startsWith('ISA') && this.position > 1) this.isa = this.nextInterchange(text);
    const isa = this.isa!;
    const [tag = '', ...elements] = text.split(isa.elementSeparator);
    return { tag, elements, position: this.position, componentSeparator: isa.componentSeparator };
  }

  /** A later interchange's ISA, read by the same fixed layout; it must end where the first one's terminator does. */
  private nextInterchange(text: string): IsaHeader {
    const terminator = this.isa!.segmentTerminator;
    try {
      const header = readIsaHeader(`${text}${terminator}`);
      if (header.segmentTerminator !== terminator) throw new Error('terminator');
      return header;
    } catch {
      throw new X12Error('envelope_invalid', 'ISA', this.position, 'a later interchange (ISA) does not have the fixed 106-character layout ending in the first interchange\'s segment terminator');
    }
  }
}
