import { X12Error } from './x12-error';

/** What the fixed-width ISA tells us before any tokenizing: the delimiters and the control number. */
export interface IsaHeader {
  elementSeparator: string;
  componentSeparator: string;
  segmentTerminator: string;
  /** ISA13 as written, leading zeros kept. */
  controlNumber: string;
}

/** ISA is 106 characters: 16 fixed-width elements, so every separator has a fixed offset. */
export const ISA_LENGTH = 106;
const SEPARATOR_OFFSETS = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103] as const;
const COMPONENT_SEPARATOR_OFFSET = 104;
const TERMINATOR_OFFSET = 105;
const CONTROL_NUMBER = { start: 90, end: 99 } as const;
const ALPHANUMERIC = /[0-9A-Za-z]/;

/**
 * Checks the ISA by its fixed layout: the delimiters are read from fixed offsets, and an ISA whose
 * separators are off would mis-split every segment after it, so it is refused first.
 */
export function readIsaHeader(text: string): IsaHeader {
  if (!text.startsWith('ISA')) {
    throw new X12Error('envelope_invalid', 'ISA', 1, 'the interchange does not start with an ISA segment');
  }
  if (text.length < ISA_LENGTH) {
    throw new X12Error('envelope_invalid', 'ISA', 1, `ISA is shorter than its fixed ${ISA_LENGTH} characters`);
  }
  const elementSeparator = text.charAt(3);
  const componentSeparator = text.charAt(COMPONENT_SEPARATOR_OFFSET);
  const segmentTerminator = text.charAt(TERMINATOR_OFFSET);
  const misplaced = SEPARATOR_OFFSETS.some((offset) => text.charAt(offset) !== elementSeparator);
  if (ALPHANUMERIC.test(elementSeparator) || misplaced) {
    throw new X12Error('envelope_invalid', 'ISA', 1, `ISA is not ${ISA_LENGTH} characters with its element separator at the fixed offsets`);
  }
  const delimiters = new Set([elementSeparator, componentSeparator, segmentTerminator]);
  if (ALPHANUMERIC.test(componentSeparator) || ALPHANUMERIC.test(segmentTerminator) || delimiters.size !== 3) {
    throw new X12Error('envelope_invalid', 'ISA', 1, 'ISA16 component separator and the segment terminator must be distinct non-alphanumeric characters');
  }
  const controlNumber = text.slice(CONTROL_NUMBER.start, CONTROL_NUMBER.end);
  if (!/^[0-9]{9}$/.test(controlNumber)) {
    throw new X12Error('envelope_invalid', 'ISA', 1, 'ISA13 interchange control number is not nine digits');
  }
  return { elementSeparator, componentSeparator, segmentTerminator, controlNumber };
}
