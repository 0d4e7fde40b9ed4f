import type { MappingProposalReport } from '@ade/contracts';
import type { MappingProposal } from '@ade/healthcare';

/** A proposal as the worker reports it to the control plane: the data type is the pipeline's own. */
export function proposalReport(proposal: MappingProposal): MappingProposalReport {
  const { dataType: _dataType, ...report } = proposal;
  return report;
}
