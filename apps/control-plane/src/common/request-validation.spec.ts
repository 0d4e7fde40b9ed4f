import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldProblems, withoutEchoedKeys } from './request-validation';

const PHI = 'Zebediah Smith 1970-01-01';

async function problemsOf(schema: z.ZodType, value: unknown) {
  const result = await schema['~standard'].validate(value);
  if (!('issues' in result) || !result.issues) throw new Error('expected issues');
  return fieldProblems(result.issues.map((issue) => withoutEchoedKeys(issue, value)));
}

describe('withoutEchoedKeys', () => {
  const body = z.object({ name: z.string(), options: z.object({ delimiter: z.string().optional() }).strict().default({}) }).strict();

  it('names an unknown key by its position in its object, never by itself', async () => {
    const problems = await problemsOf(body, { name: 'a', [PHI]: 1 });
    expect(problems).toEqual([{ field: '(request)', message: 'has an unknown key (key 2 of 2); see the API reference for the fields it takes' }]);
    expect(JSON.stringify(problems)).not.toContain('Zebediah');
  });

  it('counts several unknown keys, nested ones under their parent', async () => {
    const problems = await problemsOf(body, { [PHI]: 1, name: 'a', options: { delimiter: ',', 'MBI 1EG4-TE5-MK73': true, x: 2 } });
    expect(problems).toEqual([
      { field: 'options', message: 'has 2 unknown keys (keys 2, 3 of 3); see the API reference for the fields it takes' },
      { field: '(request)', message: 'has an unknown key (key 1 of 3); see the API reference for the fields it takes' },
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/Zebediah|1EG4/);
  });

  it("replaces a record's refused key in the path by its position", async () => {
    const columns = z.object({ columns: z.record(z.string().regex(/^[a-z_]+$/), z.string()) }).strict();
    const problems = await problemsOf(columns, { columns: { claim_id: 'CLMNO', [PHI]: 'x' } });
    expect(problems.map((p) => p.field)).toEqual(['columns.(key 2 of 2)']);
    expect(JSON.stringify(problems)).not.toContain('Zebediah');
  });

  it('leaves every other issue as it was', async () => {
    expect(await problemsOf(body, { name: 3 })).toEqual([{ field: 'name', message: 'Invalid input: expected string, received number' }]);
  });
});
