// Typed view over the `mplsandbox.critique.*` settings (defaults equal to package.json's). Read live on every
// call so that a run always uses what the user configured last.
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
  timeoutMs: number;
}

function clampNumber(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

function text(cfg: vscode.WorkspaceConfiguration, key: string): string {
  const v = cfg.get<string>(key, '');
  return typeof v === 'string' ? v.trim() : '';
}

function role(cfg: vscode.WorkspaceConfiguration, name: CritiqueRole): RoleSettings {
  return {
    baseUrl: text(cfg, `${name}.baseUrl`),
    model: text(cfg, `${name}.model`),
    temperature: clampNumber(cfg.get(`${name}.temperature`), 0, 0, 2),
    maxTokens: Math.round(clampNumber(cfg.get(`${name}.maxTokens`), 2048, 1, 1_000_000)),
  };
}

export function readCritiqueSettings(): CritiqueSettings {
  const cfg = vscode.workspace.getConfiguration(CRITIQUE_SECTION);
  return {
    provider: cfg.get<string>('provider') === 'vscode-lm' ? 'vscode-lm' : 'openai-compatible',
    critic: role(cfg, 'critic'),
    actor: role(cfg, 'actor'),
    rounds: Math.round(clampNumber(cfg.get('actor.rounds'), 3, 1, 20)),
    samples: Math.round(clampNumber(cfg.get('actor.samples'), 1, 1, 64)),
    languageModel: { vendor: text(cfg, 'languageModel.vendor'), family: text(cfg, 'languageModel.family') },
    onSave: cfg.get<boolean>('onSave', false) === true,
    onSaveDelayMs: Math.round(clampNumber(cfg.get('onSaveDelayMs'), 1500, 0, 60_000)),
    timeoutMs: Math.round(clampNumber(cfg.get('timeoutSeconds'), 120, 1, 3600) * 1000),
  };
}

/** Opens the Settings editor on the critique settings (the "Configure" action of notifications). */
export function openCritiqueSettings(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', `@ext:mplsandbox.mplsandbox ${CRITIQUE_SECTION}`);
}
