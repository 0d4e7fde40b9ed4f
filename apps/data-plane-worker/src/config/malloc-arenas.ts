/**
 * glibc gives each thread that allocates at once a memory arena of its own (up to 8 per core) and
 * rarely hands freed arena memory back. DuckDB's threads allocate outside its buffer manager
 * through it, so a long quality stage leaves the worker holding freed memory across many arenas:
 * at 10M lines the run peaked at 2,042 MiB RSS with the default and at 1,823 MiB with two arenas,
 * equally fast (bench/pipeline/README.md). glibc reads the variable only when the process starts,
 * so it is set where the worker is launched: the image, `npm run start:worker`, the demo.
 */
export const RECOMMENDED_MALLOC_ARENA_MAX = '2';

/** A start-up warning when the worker runs without the arena limit its memory figures assume. */
export function mallocArenaWarning(env: Record<string, string | undefined>): string | undefined {
  if (env['MALLOC_ARENA_MAX'] !== undefined && env['MALLOC_ARENA_MAX'] !== '') return undefined;
  return `MALLOC_ARENA_MAX is not set: large runs hold more memory than the documented budget; start the worker with MALLOC_ARENA_MAX=${RECOMMENDED_MALLOC_ARENA_MAX}`;
}
