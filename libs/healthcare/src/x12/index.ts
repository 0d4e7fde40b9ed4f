export { parseX12 } from './parse-x12';
export { X12Reader, type X12BatchSummary } from './x12-reader';
export type { GroupAcknowledgment, InterchangeAcknowledgment, SetAcknowledgment, X12Finding } from './envelope-reader';
export { writeX12AsNdjson } from './write-x12-ndjson';
export { X12Error, type X12ErrorCode } from './x12-error';
export type { X12ClaimBatch, X12ClaimRow } from './x12-claim-batch';
export { X12_SUPPORTED_VERSIONS, type X12DataType, type X12TransactionKind } from './transaction-kind';
export { render999 } from './render-999';
