// "Explain this failure": the model gets the code, the verdict, the diagnostics and the failing case.
import type { Diagnostic } from '../diagnostics/types';
import type { ChatClient } from '../models/chat-client';
import type { RunResult } from '../sandbox/types';
import { explainMessages } from './prompts';

export interface ExplainRequest {
  code: string;
  language: string;
  result: RunResult;
  /** Findings of an analysis (linters, bug finders) to show the model besides the run's own diagnostics. */
  analysisDiagnostics?: Diagnostic[];
  signal?: AbortSignal;
  /** Streams the explanation as it arrives. */
  onDelta?: (delta: string) => void;
}

export async function explainFailure(req: ExplainRequest, model: ChatClient): Promise<string> {
  const reply = await model.complete({
    messages: explainMessages(req.code, req.language, req.result, req.analysisDiagnostics),
    stream: req.onDelta !== undefined,
    onDelta: req.onDelta ? (delta) => req.onDelta?.(delta) : undefined,
    signal: req.signal,
  });
  return reply.text;
}
