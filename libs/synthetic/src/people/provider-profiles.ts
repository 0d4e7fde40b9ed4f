import { Random, deriveSeed } from '../random/random';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from './names';
import { PRACTICE_KIND_WORDS, PRACTICE_PLACE_WORDS } from './practice-names';
import { providerTaxonomies } from './provider-taxonomies';
import type { ProviderDirectory } from './providers';

/** What the providers file says about one NPI (NPPES-shaped). */
export interface ProviderProfile {
  npi: string;
  /** NPPES entity type: 1 individual (rendering clinician), 2 organization (billing group). */
  entityTypeCode: '1' | '2';
  taxonomyCode: string;
  organizationName: string;
  firstName: string;
  lastName: string;
  /** USPS code of the practice location; a clinician practises in the group's state. */
  state: string;
}

const STREAM_BILLING_PROFILE = 0x627066;
const STREAM_RENDERING_PROFILE = 0x727066;

/** Profiles derived from the directory index, like the NPIs themselves: no table in memory. */
export class ProviderProfiles {
  constructor(
    private readonly seed: number,
    private readonly directory: ProviderDirectory,
    private readonly states: readonly string[],
  ) {}

  billing(group: number): ProviderProfile {
    const random = new Random(deriveSeed(this.seed, STREAM_BILLING_PROFILE, group));
    return {
      npi: this.directory.billingNpi(group),
      entityTypeCode: '2',
      taxonomyCode: random.pick(providerTaxonomies().billing),
      organizationName: `${random.pick(PRACTICE_PLACE_WORDS)} ${random.pick(PRACTICE_KIND_WORDS)}`,
      firstName: '',
      lastName: '',
      state: this.groupState(group),
    };
  }

  /** The clinician at flat rendering index `index` (group × cliniciansPerGroup + clinician). */
  rendering(index: number): ProviderProfile {
    const random = new Random(deriveSeed(this.seed, STREAM_RENDERING_PROFILE, index));
    const female = random.chance(0.6);
    return {
      npi: this.directory.renderingNpiAt(index),
      entityTypeCode: '1',
      taxonomyCode: random.pick(providerTaxonomies().rendering),
      organizationName: '',
      firstName: random.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
      lastName: random.pick(LAST_NAMES),
      state: this.groupState(Math.floor(index / this.directory.cliniciansPerGroup)),
    };
  }

  private groupState(group: number): string {
    return this.states[deriveSeed(this.seed, STREAM_BILLING_PROFILE, group, 1) % this.states.length]!;
  }
}
