// The shape of the `mplsandbox.critique.*` settings. They are read through the one Config (config.ts: `config.critique`),
// live on every call so that a run always uses what the user configured last; their defaults are in settings.ts.
import * as vscode from 'vscode';

export const CRITIQUE_SECTION = 'mplsandbox.critique';

export type ModelProvider = 'openai-compatible' | 'vscode-lm';
export type CritiqueRole = 'critic' | 'actor';

export interface RoleSettings {
  /** Empty when not set. For the actor, empty means "the critic's". */
  baseUrl: string;
  model: string;
  temperature: number;
  maxTokens: number;
}

export interface CritiqueSettings {
  provider: ModelProvider;
  critic: RoleSettings;
  actor: RoleSettings;
  /** Refinements at most after the first critique. */
  rounds: number;
  /** Samples for test-time scaling; 1 = plain refinement. */
  samples: number;
  languageModel: { vendor: string; family: string };
  onSave: boolean;
  onSaveDelayMs: number;
  /** Check the steps the symbolic checker leaves unchecked with SymPy in the Python sandbox (needs Docker). */
  sandboxChecks: boolean;
  timeoutMs: number;
}

/** Opens the Settings editor on the critique settings (the "Configure" action of notifications). */
export function openCritiqueSettings(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', `@ext:mplsandbox.mplsandbox ${CRITIQUE_SECTION}`);
}
