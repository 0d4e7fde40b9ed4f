import type { StatePack } from '../../states/state-pack';
import type { RuleEnvironment } from '../rule';

/** A state pack for tests, with whatever the test cares about overridden. */
export function testPack(overrides: Partial<StatePack> = {}): StatePack {
  return {
    state: 'default',
    name: 'Test pack',
    medicaidMemberIdPattern: '^[A-Z]{2}[0-9]{8}$',
    timelyFilingDays: 365,
    requiredFields: {},
    allowedClaimTypes: ['professional', 'institutional', 'pharmacy'],
    sources: [],
    ...overrides,
  };
}

export const TEST_AS_OF = '2026-03-15';

/** Environments the property test runs every rule under: patterns, limits and claim types vary. */
export const TEST_ENVIRONMENTS: readonly RuleEnvironment[] = [
  { asOf: TEST_AS_OF, statePack: testPack() },
  {
    asOf: '2021-01-01',
    statePack: testPack({ medicaidMemberIdPattern: '\\d{9}[A-Z]?', timelyFilingDays: 90, allowedClaimTypes: ['professional', 'pharmacy'] }),
  },
  {
    asOf: '2024-02-29',
    statePack: testPack({
      medicaidMemberIdPattern: '^(?:MA|MB)-\\d{4,6}|X{2}[\\w-]+$',
      timelyFilingDays: 0,
      allowedClaimTypes: [],
    }),
  },
];
