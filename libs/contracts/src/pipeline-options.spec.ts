import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DEFAULT_SCHEMA_EVOLUTION, pipelineOptionsSchema, SCHEMA_EVOLUTION_MODES } from './pipeline-options';
import { describeIssues } from './violation';

const problems = (schema: z.ZodType, value: unknown): string | null => {
  const result = schema.safeParse(value);
  return result.success ? null : describeIssues(result.error.issues);
};

describe('schema evolution modes', () => {
  it('are named as in Auto Loader, adding new columns by default', () => {
    expect(SCHEMA_EVOLUTION_MODES).toEqual(['addNewColumns', 'rescue', 'failOnNewColumns', 'none']);
    expect(DEFAULT_SCHEMA_EVOLUTION).toBe('addNewColumns');
  });

  it.each(['addNewColumns', 'rescue', 'failOnNewColumns', 'none'])('accepts %s', (mode) => {
    expect(pipelineOptionsSchema.parse({ schemaEvolution: mode })).toEqual({ schemaEvolution: mode });
  });

  it.each(['addnewcolumns', 'rescued', '', 'failOnNewColumn'])('refuses %j', (mode) => {
    expect(problems(pipelineOptionsSchema, { schemaEvolution: mode })).toBe(
      'schemaEvolution: Invalid option: expected one of "addNewColumns"|"rescue"|"failOnNewColumns"|"none"',
    );
  });
});

describe('pipelineOptionsSchema', () => {
  it('makes every option optional and adds no defaults', () => {
    expect(pipelineOptionsSchema.parse({})).toEqual({});
  });

  it('accepts every option together', () => {
    const options = { delimiter: '|', quote: "'", header: false, state: 'NY', schemaEvolution: 'rescue' };
    expect(pipelineOptionsSchema.parse(options)).toEqual(options);
  });

  it.each(['delimiter', 'quote'] as const)('takes exactly one character as %s', (field) => {
    expect(pipelineOptionsSchema.parse({ [field]: '\t' })).toEqual({ [field]: '\t' });
    expect(problems(pipelineOptionsSchema, { [field]: '' })).toBe(`${field}: must be a single character`);
    expect(problems(pipelineOptionsSchema, { [field]: '||' })).toBe(`${field}: must be a single character`);
    expect(problems(pipelineOptionsSchema, { [field]: 1 })).toBe(`${field}: Invalid input: expected string, received number`);
  });

  it('takes header as a boolean only', () => {
    expect(pipelineOptionsSchema.parse({ header: true })).toEqual({ header: true });
    expect(problems(pipelineOptionsSchema, { header: 'true' })).toBe('header: Invalid input: expected boolean, received string');
  });

  it.each(['NY', 'CA', 'ZZ'])('accepts the state code %s', (state) => {
    expect(pipelineOptionsSchema.parse({ state })).toEqual({ state });
  });

  it.each(['ny', 'N', 'NYC', 'xNY', 'NY ', ' NY', 'N1', ''])('refuses the state code %j', (state) => {
    expect(problems(pipelineOptionsSchema, { state })).toBe('state: must be a two-letter upper-case state code');
  });

  it('refuses keys it does not know, naming the key and never its value', () => {
    const message = problems(pipelineOptionsSchema, { delimiter: ',', sample: 'Zebediah Smith' });
    expect(message).toBe('(root): Unrecognized key: "sample"');
  });

  it('refuses what is not an object', () => {
    expect(problems(pipelineOptionsSchema, null)).toBe('(root): Invalid input: expected object, received null');
  });
});
