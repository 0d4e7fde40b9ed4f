import { ConfigError } from '@ade/config';

/** The problems a configuration loader reports; throws (failing the test) when it reports none. */
export function configProblemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
