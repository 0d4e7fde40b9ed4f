import { DATA_TYPES, type DataType } from '@ade/contracts';
import { z } from 'zod';
import { loadStateCodes } from '../codesets/state-codes';
import { canonicalSchema } from '../schemas/canonical-schemas';
import { PortableRegexError, portableRegexBody } from '../rules/sql/portable-regex';
import { CLAIM_TYPES, DEFAULT_STATE_PACK } from './state-pack';

const nonEmptyString = z.string({ error: 'must be a string' }).refine((value) => value.trim().length > 0, { error: 'must not be empty' });

const columnList = (dataType: DataType) =>
  z.array(nonEmptyString, { error: 'must be a list of column names' }).superRefine((names, context) => {
    const known = new Set(canonicalSchema(dataType).columns.map((column) => column.name));
    names.forEach((name, index) => {
      if (!known.has(name)) context.addIssue({ code: 'custom', path: [index], message: `'${name}' is not a ${dataType} column` });
      else if (names.indexOf(name) !== index) context.addIssue({ code: 'custom', path: [index], message: `'${name}' is listed twice` });
    });
  });

const requiredFields = z.strictObject(
  Object.fromEntries(DATA_TYPES.map((dataType) => [dataType, columnList(dataType).optional()])) as Record<
    DataType,
    z.ZodOptional<ReturnType<typeof columnList>>
  >,
  { error: 'must be an object keyed by data type' },
);

/**
 * The shape of one pack file, `<state>.json`; `fileState` is the file name without `.json`, which
 * the `state` key must repeat.
 */
export function statePackFileSchema(fileState: string) {
  return z.strictObject(
    {
      state: z.string({ error: 'must be a string' }).superRefine((state, context) => {
        if (state !== DEFAULT_STATE_PACK && !loadStateCodes().has(state)) {
          context.addIssue({ code: 'custom', message: `must be a USPS state code or '${DEFAULT_STATE_PACK}'` });
        } else if (state !== fileState) {
          context.addIssue({ code: 'custom', message: `must equal the file name ('${fileState}')` });
        }
      }),
      name: nonEmptyString,
      medicaidMemberIdPattern: z.string({ error: 'must be a string' }).superRefine((pattern, context) => {
        const problem = packPatternProblem(pattern);
        if (problem) context.addIssue({ code: 'custom', message: `must be a regular expression that means the same in JavaScript and RE2: ${problem}` });
      }),
      // The schema's own error also covers the failed int() and positive() checks (zod falls back to it).
      timelyFilingDays: z.number({ error: 'must be a positive integer' }).int().positive(),
      requiredFields,
      allowedClaimTypes: z
        .array(z.enum(CLAIM_TYPES, { error: `must be one of ${CLAIM_TYPES.join(', ')}` }), { error: 'must be a list of claim types' })
        .min(1, { error: 'must name at least one claim type' })
        .refine((types) => new Set(types).size === types.length, { error: 'must not repeat a claim type' }),
      sources: z.array(nonEmptyString, { error: 'must be a list of strings' }).min(1, { error: 'must name at least one source' }),
    },
    { error: 'must be a JSON object' },
  );
}

/**
 * A member-id pattern runs in JavaScript and in RE2, so it must stay inside the rules' portable
 * subset (rules/sql/portable-regex.ts); packs also spell out their anchors, for the reader.
 */
export function packPatternProblem(pattern: string): string | null {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return "must be anchored: start with '^' and end with '$'";
  try {
    portableRegexBody(pattern);
    new RegExp(pattern);
  } catch (error) {
    return error instanceof PortableRegexError ? error.message : 'is not a valid regular expression';
  }
  return null;
}
