import { describe, expect, it } from 'vitest';
import { runLayoutsBench } from './bench-layouts';

// Holds the profiler to the bench's goals on every run; the committed figures come from `npm run bench:layouts`.
describe('bench/layouts', () => {
  it('proposes at least 95% of the columns each kind of file really has, and applies no wrong one', async () => {
    const result = await runLayoutsBench(300);
    expect(result.layouts.length).toBeGreaterThanOrEqual(10);
    expect(result.layouts.filter((layout) => layout.origin === 'team').length).toBeGreaterThanOrEqual(4);
    expect(result.overall.recall).toBeGreaterThanOrEqual(0.95);
    expect(result.layouts.flatMap((layout) => layout.wrongApplied.map((wrong) => `${layout.id}: ${wrong.canonical} <- ${wrong.proposed}`))).toEqual([]);
    for (const layout of result.layouts.filter((l) => l.origin === 'team')) expect(layout.recall, layout.id).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
