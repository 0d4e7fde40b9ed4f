import type { GenerationSettings } from './generation-options';
import { MemberPopulation } from './people/members';
import { ProviderDirectory } from './people/providers';

/** The members and providers of a run: the claims and the reference files draw on the same ones. */
export interface RunPopulation {
  members: MemberPopulation;
  providers: ProviderDirectory;
}

const CLINICIANS_PER_GROUP = 6;

export function runPopulation(settings: GenerationSettings): RunPopulation {
  const members = memberCount(settings.rows);
  return {
    members: new MemberPopulation(settings.seed, members, settings.states, settings.firstServiceDay, formerMemberCount(members)),
    providers: new ProviderDirectory(settings.seed, billingProviderCount(settings.rows), CLINICIANS_PER_GROUP),
  };
}

/** About six lines per member, as in a year of Medicaid professional claims; never a handful only. */
function memberCount(rows: number): number {
  return Math.max(50, Math.ceil(rows / 6));
}

/** People who left the program before the service window, as an eligibility file keeps them: one in twenty. */
function formerMemberCount(members: number): number {
  return Math.ceil(members / 20);
}

function billingProviderCount(rows: number): number {
  return Math.min(20_000, Math.max(10, Math.ceil(rows / 200)));
}
