// The heavy part of the sandbox core (dockerode and ssh2, the image builder, zod, the language-detection model,
// analysis, the openai SDK), bundled on its own as dist/sandbox-core.js and loaded by load-core.ts on first use.
// In the extension's own bundle these would be parsed at every activation even when never run.
export { SandboxEngine } from '../../core/sandbox/engine';
export { startInteractiveRun } from '../../core/sandbox/interactive';
export { parseCases } from '../../core/sandbox/judge';
export { loadProject } from '../../core/projects/project';
export { identifyLanguage } from '../../core/languages/detect';
export { analyzeCode } from '../../core/analysis/analyze-code';
export { formatAnalysis } from '../../core/analysis/format-report';
export { repairWithFeedback } from '../../core/repair/repair-loop';
export { ChatClient } from '../../core/models/chat-client';
export { describeModel, resolveModelRoles } from '../../core/models/config';
// The critique's model settings (they pick the actor); from this bundle, so that a Language Model API client
// extends this bundle's ChatClient and throws the error classes the repair loop checks for.
export { resolveModelSetup } from '../critique/model-setup';
