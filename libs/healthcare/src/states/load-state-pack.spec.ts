import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeTempDir } from '@ade/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableStatePacks, loadAllStatePacks, loadStatePack } from './load-state-pack';
import { packPatternProblem } from './state-pack.schema';
import { StatePackError } from './state-pack-error';
import { findStatePacksDir, statePacksDir } from './state-packs-dir';
import { packFolders, TEXAS_PACK } from './test/pack-folders';

const repoRoot = resolve(__dirname, '../../../..');
const shippedDir = join(repoRoot, 'libs', 'healthcare', 'state-packs');

describe('shipped state packs', () => {
  it('are found from the sources and from where the compiled module lives', () => {
    expect(statePacksDir()).toBe(shippedDir);
    expect(findStatePacksDir(join(repoRoot, 'dist', 'libs', 'healthcare', 'src', 'states'))).toBe(shippedDir);
    expect(() => findStatePacksDir(tmpdir())).toThrow(StatePackError);
  });

  it('include the default and at least six states', () => {
    expect(availableStatePacks()).toEqual(expect.arrayContaining(['default', 'CA', 'FL', 'NY', 'OH', 'PA', 'TX']));
    expect(availableStatePacks()[0]).toBe('default');
  });

  it('all load, with portable member id patterns', () => {
    const packs = loadAllStatePacks();
    expect(packs.map((pack) => pack.state)).toEqual(availableStatePacks());
    expect(packs.map((pack) => pack.state)).toEqual(expect.arrayContaining(['default', 'CA', 'FL', 'NY', 'OH', 'PA', 'TX']));
    for (const pack of packs) {
      expect(packPatternProblem(pack.medicaidMemberIdPattern)).toBeNull();
      expect(pack.sources.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['NY', 'AB12345C', 90],
    ['CA', '12345678A', 180],
    ['TX', '123456789', 95],
    ['FL', '1234567890', 365],
    ['OH', '123456789012', 365],
    ['PA', '1234567890', 180],
  ])('%s: member ids like %s, %i days to file', (state, memberId, days) => {
    const pack = loadStatePack(state);
    expect(memberId).toMatch(new RegExp(pack.medicaidMemberIdPattern));
    expect(pack.timelyFilingDays).toBe(days);
  });

  it('gives the default pack for no state, and the same cached pack for any spelling', () => {
    expect(loadStatePack().state).toBe('default');
    expect(loadStatePack('')).toBe(loadStatePack());
    expect(loadStatePack(' ny ')).toBe(loadStatePack('NY'));
    expect(Object.isFrozen(loadStatePack('NY').allowedClaimTypes)).toBe(true);
  });

  it('refuses a state without a pack instead of falling back silently', () => {
    expect(() => loadStatePack('WY')).toThrow(/No state pack for 'WY'.*CA, FL, NY, OH, PA, TX/);
    expect(() => loadStatePack('../default')).toThrow(StatePackError);
  });
});

describe('a broken pack', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let dir: string;
  const good = TEXAS_PACK;
  const packDir = packFolders(() => dir);
  const errorOf = (state: string, files: Record<string, unknown>) => {
    try {
      loadStatePack(state, packDir(files));
    } catch (error) {
      expect(error).toBeInstanceOf(StatePackError);
      return (error as StatePackError).message;
    }
    throw new Error('expected the pack to be rejected');
  };

  beforeAll(async () => {
    temp = await makeTempDir('state-packs');
    dir = temp.path;
  });
  afterAll(async () => {
    await temp.cleanup();
  });

  it('loads when well formed', () => {
    expect(loadStatePack('TX', packDir({ 'TX.json': good })).timelyFilingDays).toBe(95);
  });

  it('names the file and the key', () => {
    expect(errorOf('TX', { 'TX.json': { ...good, timelyFilingDays: -3 } })).toBe('state-packs/TX.json: timelyFilingDays: must be a positive integer');
    expect(errorOf('TX', { 'TX.json': { ...good, timelyFilingDays: '95' } })).toBe('state-packs/TX.json: timelyFilingDays: must be a positive integer');
  });

  it('rejects unknown keys, at any depth', () => {
    expect(errorOf('TX', { 'TX.json': { ...good, timelyFillingDays: 95 } })).toBe('state-packs/TX.json: timelyFillingDays: unknown key');
    expect(errorOf('TX', { 'TX.json': { ...good, requiredFields: { claims: ['claim_id'] } } })).toBe('state-packs/TX.json: requiredFields.claims: unknown key');
  });

  it('rejects required fields that are not columns of the data type', () => {
    expect(errorOf('TX', { 'TX.json': { ...good, requiredFields: { professional_claims: ['claim_id', 'ndc_code'] } } })).toBe(
      "state-packs/TX.json: requiredFields.professional_claims[1]: 'ndc_code' is not a professional_claims column",
    );
  });

  it('rejects a state that differs from the file name, or is no state', () => {
    expect(errorOf('TX', { 'TX.json': { ...good, state: 'OK' } })).toBe("state-packs/TX.json: state: must equal the file name ('TX')");
    expect(errorOf('TX', { 'TX.json': { ...good, state: 'Texas' } })).toBe("state-packs/TX.json: state: must be a USPS state code or 'default'");
  });

  it('rejects a pattern that is not portable between JavaScript and RE2', () => {
    expect(errorOf('TX', { 'TX.json': { ...good, medicaidMemberIdPattern: '^(?=9)\\d{9}$' } })).toMatch(
      /^state-packs\/TX\.json: medicaidMemberIdPattern: must be a regular expression that means the same in JavaScript and RE2: /,
    );
    expect(errorOf('TX', { 'TX.json': { ...good, medicaidMemberIdPattern: '[0-9]{9}' } })).toMatch(/medicaidMemberIdPattern: .*start with '\^'/);
  });

  it('lists every problem, one line each', () => {
    const message = errorOf('TX', { 'TX.json': { ...good, allowedClaimTypes: ['dental'], sources: [] } });
    expect(message.split('\n')).toEqual([
      'state-packs/TX.json: allowedClaimTypes[0]: must be one of professional, institutional, pharmacy',
      'state-packs/TX.json: sources: must name at least one source',
    ]);
  });

  it('names the file when it is not JSON or not an object', () => {
    expect(errorOf('TX', { 'TX.json': '{ "state": "TX", ' })).toMatch(/^state-packs\/TX\.json: not valid JSON: /);
    expect(errorOf('TX', { 'TX.json': '[]' })).toBe('state-packs/TX.json: (file): must be a JSON object');
    expect(errorOf('TX', { 'TX.json': { ...good, name: undefined } })).toBe('state-packs/TX.json: name: must be a string');
  });

  it('names a badly named file when all packs are loaded', () => {
    expect(() => loadAllStatePacks(packDir({ 'Texas.json': good }))).toThrow("state-packs/Texas.json: file name must be a USPS state code or 'default'");
  });
});
