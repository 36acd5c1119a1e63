// The messages between the extension and the "Math Critique" webview, as zod schemas that both ends validate
// (a webview is a separate, sandboxed page: nothing it receives or sends is trusted on type alone).
// Continue-style: each request name maps to [request data, response data]; the extension also pushes `state`.
// Pure TypeScript plus zod: bundled into the extension (Node) and the webview (browser) alike.
import { z } from 'zod';

export const stepVerdictKindSchema = z.enum(['correct', 'wrong', 'unknown']);

/** One source's verdict on a step (symbolic checker or a model), as the panel shows it. */
export const sourceVerdictSchema = z.object({
  source: z.enum(['symbolic', 'sandbox', 'model']),
  /** "symbolic checker" or the model's name. */
  label: z.string(),
  verdict: stepVerdictKindSchema,
  explanation: z.string().optional(),
  computed: z.string().optional(),
});

export const stepViewSchema = z.object({
  index: z.number().int().nonnegative(),
  /** The step as written (Markdown/LaTeX); rendered as text plus KaTeX math, never as HTML. */
  source: z.string(),
  /** `pending`: not judged yet (the critic's reply is still streaming). */
  verdict: z.enum(['correct', 'wrong', 'unknown', 'pending']),
  verdicts: z.array(sourceVerdictSchema),
});

export const roundViewSchema = z.object({
  round: z.number().int().nonnegative(),
  sample: z.number().int().nonnegative().optional(),
  solution: z.string(),
  steps: z.array(stepViewSchema),
  finalAnswer: z.string().optional(),
  finalAnswerVerdict: stepVerdictKindSchema,
  finalExplanation: z.string().optional(),
  accepted: z.boolean(),
  /** The critique was cut off (or is still arriving). */
  partial: z.boolean(),
  streaming: z.boolean(),
});

export const voteViewSchema = z.object({
  votedOver: z.enum(['accepted', 'all']),
  votes: z.array(z.object({ answer: z.string(), count: z.number().int(), samples: z.array(z.number().int()) })),
  answer: z.string().optional(),
});

export const panelStateSchema = z.object({
  problem: z
    .object({
      documentUri: z.string(),
      documentName: z.string(),
      index: z.number().int().nonnegative(),
      title: z.string().optional(),
      question: z.string(),
      /** The solution as it was in the note when the critique started (the diff's left side). */
      originalSolution: z.string(),
    })
    .optional(),
  status: z.enum(['idle', 'running', 'done', 'failed', 'cancelled']),
  statusText: z.string(),
  /** E.g. "critic llama3 · actor llama3", or "symbolic checker only". */
  modelLabel: z.string().optional(),
  rounds: z.array(roundViewSchema),
  /** The actor's reply while it streams (the next round's solution before it is judged). */
  actorDraft: z.string().optional(),
  votes: voteViewSchema.optional(),
});

export type SourceVerdictView = z.infer<typeof sourceVerdictSchema>;
export type StepView = z.infer<typeof stepViewSchema>;
export type RoundView = z.infer<typeof roundViewSchema>;
export type VoteView = z.infer<typeof voteViewSchema>;
export type PanelState = z.infer<typeof panelStateSchema>;

/** What an action request tells the webview back. */
export const actionOutcomeSchema = z.object({ ok: z.boolean(), message: z.string().optional() });
export type ActionOutcome = z.infer<typeof actionOutcomeSchema>;

const roundRef = z.object({ round: z.number().int().nonnegative(), sample: z.number().int().nonnegative().optional() });

/** Webview → extension requests: name → [request schema, response schema]. */
export const toExtensionProtocol = {
  /** The page loaded; the answer is the extension's current state (none after a window reload). */
  ready: [z.object({}), z.object({ state: panelStateSchema.optional() })],
  /** Replace the note's solution with this round's solution (the quick fix's edit). */
  apply: [roundRef, actionOutcomeSchema],
  /** Copy this round's solution to the clipboard. */
  copy: [roundRef, actionOutcomeSchema],
  /** Run the same critique (or refinement) again on the note as it is now. */
  rerun: [z.object({}), actionOutcomeSchema],
  /** Cancel the running critique. */
  stop: [z.object({}), actionOutcomeSchema],
} as const;

export type ToExtensionProtocol = typeof toExtensionProtocol;
export type RequestName = keyof ToExtensionProtocol;
export type RequestData<N extends RequestName> = z.infer<ToExtensionProtocol[N][0]>;
export type ResponseData<N extends RequestName> = z.infer<ToExtensionProtocol[N][1]>;

export const requestNameSchema = z.enum(Object.keys(toExtensionProtocol) as [RequestName, ...RequestName[]]);

/** Envelope of a webview → extension request. */
export const requestEnvelopeSchema = z.object({ kind: z.literal('request'), id: z.string().min(1).max(64), name: requestNameSchema, data: z.unknown() });

/** Extension → webview messages: the answer to a request, or a pushed state. */
export const toWebviewMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('response'), id: z.string(), name: requestNameSchema, data: z.unknown().optional(), error: z.string().optional() }),
  z.object({ kind: z.literal('state'), state: panelStateSchema }),
]);
export type ToWebviewMessage = z.infer<typeof toWebviewMessageSchema>;

/** What the webview keeps with `vscode.setState` (survives hiding the view and reloading the window). */
export const persistedWebviewStateSchema = z.object({
  state: panelStateSchema,
  /** Position in `state.rounds` the user is looking at. */
  selectedRound: z.number().int().nonnegative(),
});
export type PersistedWebviewState = z.infer<typeof persistedWebviewStateSchema>;

export const IDLE_PANEL_STATE: PanelState = {
  status: 'idle',
  statusText: 'Click "Show in panel" above a problem in a Markdown math note, or run "MPLSandbox: Critique Steps".',
  rounds: [],
};
