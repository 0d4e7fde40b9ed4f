import type { QuarantineRelease } from './quarantine-release.entity';
import type { QuarantinedTally } from './quarantine-counts.repository';
import type { ReleasedTally } from './quarantine-releases.repository';

export function releaseView(release: QuarantineRelease) {
  return {
    id: release.id,
    pipelineId: release.pipelineId,
    table: release.tableName,
    filter: release.filter,
    status: release.status,
    examined: release.examined,
    released: release.released,
    byRule: release.byRule,
    error: release.errorCode ? { code: release.errorCode, message: release.errorMessage } : null,
    requestedBy: release.requestedBy,
    requestedAt: release.requestedAt,
    finishedAt: release.finishedAt,
  };
}

const counts = (quarantined: number, released: number) => ({ quarantined, released, pending: Math.max(0, quarantined - released) });

/**
 * Quarantined rows of a table against what releases moved back. Rule counts can add up to more
 * than the total: a row that failed several rules is in each of them and once in the total.
 */
export function quarantineView(table: string, quarantined: QuarantinedTally, released: ReleasedTally, releases: QuarantineRelease[]) {
  const rules = [...new Set([...quarantined.byRule.keys(), ...released.byRule.keys()])]
    .map((rule) => ({ rule, ...counts(quarantined.byRule.get(rule) ?? 0, released.byRule.get(rule) ?? 0) }))
    .sort((a, b) => b.quarantined - a.quarantined || a.rule.localeCompare(b.rule));
  return { table, total: counts(quarantined.quarantined, released.released), rules, releases: releases.map(releaseView) };
}
