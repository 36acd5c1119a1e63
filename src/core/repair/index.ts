// LLM-based analysis and repair on top of the sandbox: explain a failure, fix with sandbox feedback.
export { explainFailure, type ExplainRequest } from './explain-failure';
export { repairWithFeedback, type RepairRequest, type RepairResult, type RepairRound, type RepairOutcome, type RunCases } from './repair-loop';
export { extractCode, NoCodeInReplyError } from './extract-code';
export { describeRun } from './feedback';
