import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { availableStatePacks, loadAllStatePacks, loadStatePack } from './load-state-pack';
import { packPatternProblem } from './state-pack.schema';
import { StatePackError } from './state-pack-error';
import { findStatePacksDir } from './state-packs-dir';
import { packFolders, TEXAS_PACK } from './test/pack-folders';

const root = mkdtempSync(join(tmpdir(), 'ade-state-pack-validation-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const texas = TEXAS_PACK;
const fallback = { ...texas, state: 'default', name: 'Default' };
const packDir = packFolders(() => root);

function errorOf(load: () => unknown): StatePackError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(StatePackError);
    return error as StatePackError;
  }
  throw new Error('expected a StatePackError');
}

const invalid = (pack: Record<string, unknown>) => errorOf(() => loadStatePack('TX', packDir({ 'TX.json': pack }))).message;

describe('StatePackError', () => {
  it('is named StatePackError and carries its code', () => {
    const error = errorOf(() => loadStatePack('WY', packDir({})));
    expect(error.name).toBe('StatePackError');
    expect(error.code).toBe('state_pack_not_found');
    expect(String(error)).toMatch(/^StatePackError: No state pack for 'WY'/);
  });
});

describe('findStatePacksDir', () => {
  it('names the folder it looked for and where it started', () => {
    const start = mkdtempSync(join(tmpdir(), 'ade-no-packs-'));
    try {
      const error = errorOf(() => findStatePacksDir(start));
      expect(error.code).toBe('state_packs_dir_not_found');
      expect(error.message).toBe(`No ${join('libs', 'healthcare', 'state-packs')} folder above ${start}; ship the state packs with the build`);
    } finally {
      rmSync(start, { recursive: true, force: true });
    }
  });
});

describe('a state without a pack', () => {
  it('lists the state packs available, without the default', () => {
    const error = errorOf(() => loadStatePack('WY', packDir({ 'default.json': fallback, 'TX.json': texas, 'CA.json': { ...texas, state: 'CA' } })));
    expect(error.message).toBe("No state pack for 'WY' (packs: CA, TX); name no state to use the default pack");
  });

  it('says none when the folder holds only the default, or nothing', () => {
    expect(errorOf(() => loadStatePack('WY', packDir({ 'default.json': fallback }))).message).toBe(
      "No state pack for 'WY' (packs: none); name no state to use the default pack",
    );
    expect(errorOf(() => loadStatePack('WY', packDir({}))).message).toBe("No state pack for 'WY' (packs: none); name no state to use the default pack");
  });

  it.each(['NYC', 'xNY', 'N Y'])('refuses %s even when a file of that name exists', (state) => {
    const upper = state.toUpperCase();
    const error = errorOf(() => loadStatePack(state, packDir({ [`${upper}.json`]: { ...texas, state: upper } })));
    expect(error.code).toBe('state_pack_not_found');
    expect(error.message).toMatch(new RegExp(`^No state pack for '${upper}'`));
  });
});

describe('pack file names', () => {
  it('counts only files named exactly <id>.json', () => {
    const dir = packDir({ 'TX.json': texas, 'NY.json.bak': '{}', 'CA.jsonx': '{}', 'notes.txt': '', 'default.json': fallback });
    expect(availableStatePacks(dir)).toEqual(['default', 'TX']);
  });

  it('takes no pack id from the last line of a file name', () => {
    const dir = packDir({ 'TX.json': texas, 'old\nCA.json': { ...texas, state: 'CA' } });
    expect(availableStatePacks(dir)).toEqual(['TX']);
  });

  it.each(['NYC', 'xNY', 'ny', 'Default'])('refuses a pack file named %s.json when all packs are loaded', (id) => {
    const error = errorOf(() => loadAllStatePacks(packDir({ [`${id}.json`]: { ...texas, state: id } })));
    expect(error.code).toBe('state_pack_invalid');
    expect(error.message).toBe(`state-packs/${id}.json: file name must be a USPS state code or 'default'`);
  });

  it('loads every well-named pack, default first', () => {
    const packs = loadAllStatePacks(packDir({ 'TX.json': texas, 'default.json': fallback }));
    expect(packs.map((pack) => pack.state)).toEqual(['default', 'TX']);
  });
});

describe('a loaded pack', () => {
  it('reads a file that starts with a UTF-8 byte order mark', () => {
    const dir = packDir({ 'TX.json': `\uFEFF${JSON.stringify(texas)}` });
    expect(loadStatePack('TX', dir)).toEqual(texas);
  });

  it('keeps a byte order mark that is not at the start of the file', () => {
    const pack = { ...texas, name: 'Texas\uFEFFMedicaid' };
    expect(loadStatePack('TX', packDir({ 'TX.json': JSON.stringify(pack) })).name).toBe('Texas\uFEFFMedicaid');
  });

  it('is frozen all the way down', () => {
    const pack = loadStatePack('TX', packDir({ 'TX.json': texas }));
    expect(Object.isFrozen(pack)).toBe(true);
    expect(Object.isFrozen(pack.requiredFields)).toBe(true);
    expect(Object.isFrozen(pack.requiredFields.pharmacy_claims)).toBe(true);
    expect(Object.isFrozen(pack.allowedClaimTypes)).toBe(true);
    expect(Object.isFrozen(pack.sources)).toBe(true);
    expect(() => {
      (pack as { timelyFilingDays: number }).timelyFilingDays = 1;
    }).toThrow(TypeError);
  });
});

describe('pack validation messages', () => {
  it.each([
    ['an empty name', { name: '' }, 'name: must not be empty'],
    ['a blank name', { name: '   ' }, 'name: must not be empty'],
    ['a name that is not a string', { name: 7 }, 'name: must be a string'],
    ['a state that is not a string', { state: 7 }, 'state: must be a string'],
    ['a pattern that is not a string', { medicaidMemberIdPattern: 7 }, 'medicaidMemberIdPattern: must be a string'],
    ['a fractional filing window', { timelyFilingDays: 1.5 }, 'timelyFilingDays: must be a positive integer'],
    ['a zero filing window', { timelyFilingDays: 0 }, 'timelyFilingDays: must be a positive integer'],
    ['a missing filing window', { timelyFilingDays: undefined }, 'timelyFilingDays: must be a positive integer'],
    ['required fields that are not an object', { requiredFields: 'claim_id' }, 'requiredFields: must be an object keyed by data type'],
    ['required fields that are not a list', { requiredFields: { pharmacy_claims: 'prescribing_provider_npi' } }, 'requiredFields.pharmacy_claims: must be a list of column names'],
    [
      'a required field listed twice',
      { requiredFields: { pharmacy_claims: ['prescribing_provider_npi', 'prescribing_provider_npi'] } },
      "requiredFields.pharmacy_claims[1]: 'prescribing_provider_npi' is listed twice",
    ],
    ['claim types that are not a list', { allowedClaimTypes: 'pharmacy' }, 'allowedClaimTypes: must be a list of claim types'],
    ['no claim types', { allowedClaimTypes: [] }, 'allowedClaimTypes: must name at least one claim type'],
    ['a repeated claim type', { allowedClaimTypes: ['pharmacy', 'professional', 'pharmacy'] }, 'allowedClaimTypes: must not repeat a claim type'],
    ['sources that are not a list', { sources: 'test' }, 'sources: must be a list of strings'],
    ['a blank source', { sources: [''] }, 'sources[0]: must not be empty'],
  ])('names %s', (_label, change, message) => {
    expect(invalid({ ...texas, ...change })).toBe(`state-packs/TX.json: ${message}`);
  });

  it('accepts a one-character name and each required field once', () => {
    const pack = { ...texas, name: 'T', requiredFields: { pharmacy_claims: ['prescribing_provider_npi'] } };
    expect(loadStatePack('TX', packDir({ 'TX.json': pack })).name).toBe('T');
  });
});

describe('packPatternProblem on patterns no engine can read', () => {
  it('calls a pattern nested too deep to read not a valid regular expression', () => {
    const depth = 200_000;
    expect(packPatternProblem(`^${'('.repeat(depth)}a${')'.repeat(depth)}$`)).toBe('is not a valid regular expression');
  });
});
