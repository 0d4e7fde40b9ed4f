import { describe, expect, it } from 'vitest';
import { mallocArenaWarning, RECOMMENDED_MALLOC_ARENA_MAX } from './malloc-arenas';

describe('mallocArenaWarning', () => {
  it('names the variable and the value to set when it is missing or empty', () => {
    for (const env of [{}, { MALLOC_ARENA_MAX: '' }]) {
      expect(mallocArenaWarning(env)).toBe(
        'MALLOC_ARENA_MAX is not set: large runs hold more memory than the documented budget; start the worker with MALLOC_ARENA_MAX=2',
      );
    }
    expect(RECOMMENDED_MALLOC_ARENA_MAX).toBe('2');
  });

  it('stays quiet when the operator chose a value', () => {
    expect(mallocArenaWarning({ MALLOC_ARENA_MAX: '2' })).toBeUndefined();
    expect(mallocArenaWarning({ MALLOC_ARENA_MAX: '4' })).toBeUndefined();
  });
});
