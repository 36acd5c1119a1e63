// The heavy part of the math critique (the pipeline, the symbolic checker with @cortex-js/compute-engine, the
// openai-based model clients, zod and the panel's zod schemas), bundled on its own as dist/critique-core.js and loaded by
// load-core.ts when a critique first runs. In the extension's own bundle these would be parsed whenever a Markdown
// file (or any of the sandbox's languages) opens, although CodeLens, decorations, hovers and the preview only need
// parseNote and the stored verdicts.
export { critiqueProblem, refineProblem, scaleProblem } from '../../core/critique/pipeline';
export { checkProblem } from '../../core/critique/symbolic';
export { mergeVerdicts, symbolicVerdicts } from '../../core/critique/verdict-merge';
export { problemWithSolution } from '../../core/critique/model-solution';
// answersEqual may evaluate answers with the compute engine; the eager bundle only extracts them (parseNote).
export { answersEqual } from '../../core/critique/answers';
// The runner tells cancellation and configuration errors apart with instanceof: the classes must be the ones the
// pipeline and clients of this bundle throw.
export { ModelCancelledError, ModelConfigError, ModelError } from '../../core/models/errors';
export { resolveModelSetup } from './model-setup';
// The side panel's message schemas: zod alone would be two thirds of what activation parses.
export { panelStateSchema, persistedWebviewStateSchema, requestEnvelopeSchema, toExtensionProtocol } from '../../shared/critique-protocol';
