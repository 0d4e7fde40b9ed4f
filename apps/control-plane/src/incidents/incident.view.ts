import type { Incident } from './incident.entity';
import type { IncidentTally } from './incidents.repository';

export function incidentView(incident: Incident) {
  return {
    id: incident.id,
    runId: incident.runId,
    pipelineId: incident.pipelineId,
    attempt: incident.attempt,
    failureClass: incident.failureClass,
    error: { code: incident.errorCode, message: incident.errorMessage },
    action: incident.action,
    file: incident.file,
    outcome: incident.outcome,
    occurredAt: incident.occurredAt,
    settledAt: incident.settledAt,
  };
}

/**
 * Incidents resolved without a human over all settled ones, computed from the records; null
 * while none has settled (no rate can be claimed from nothing).
 */
export function summaryView(tally: IncidentTally) {
  const settled = tally.resolved + tally.unresolved;
  return { ...tally, autoResolutionRate: settled === 0 ? null : Math.round((tally.resolved / settled) * 10_000) / 10_000 };
}
