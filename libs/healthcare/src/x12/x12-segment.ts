/** One segment as SegmentReader split it, with its place in the file. */
export interface X12Seg {
  readonly tag: string;
  /** `elements[0]` is XX01; an empty element is ''. */
  readonly elements: readonly string[];
  /** 1-based index in the file, its first ISA = 1. */
  readonly position: number;
  /** ISA16, carried on each segment so loop mappers can split composites without extra context. */
  readonly componentSeparator: string;
}

/** Element `index` (1-based, as the guides number them), or null when absent or empty. */
export function element(segment: X12Seg, index: number): string | null {
  const value = segment.elements[index - 1];
  return value === undefined || value === '' ? null : value;
}

/** The components of composite element `index`; [] when the element is absent. */
export function composite(segment: X12Seg, index: number): string[] {
  const value = element(segment, index);
  return value === null ? [] : value.split(segment.componentSeparator);
}

/** Component `index` (1-based) of a split composite, or null when absent or empty. */
export function component(parts: readonly string[], index: number): string | null {
  const value = parts[index - 1];
  return value === undefined || value === '' ? null : value;
}
