// Which models a critique uses, from the settings: an OpenAI-compatible endpoint per role (keys from SecretStorage),
// or a model of the VS Code Language Model API. No critic configured means: symbolic checker only, and a message
// that says how to add one.
import * as vscode from 'vscode';
import type { ChatClient } from '../../core/models/chat-client';
import { describeModel, parseModelRoleConfig, type ModelRoleConfig, type ModelRoles } from '../../core/models/config';
import { originOf } from './api-keys';
import { apiKeyFor, readApiKey } from './stored-api-keys';
import type { CritiqueSettings, RoleSettings } from './critique-settings';
import { LanguageModelApiChatClient } from './lm-chat-client';

export interface ModelSetup {
  models: ModelRoles;
  /** Ready-made clients (the Language Model API); otherwise the pipeline builds HTTP clients from `models`. */
  clients?: { critic?: ChatClient; actor?: ChatClient };
  /** Why no model is used, when none is (shown to the user with a "Configure" action). */
  noModelReason?: string;
  /** Settings problems worth a warning even though a critique can run (e.g. a key bound to another endpoint). */
  warnings: string[];
  /** For logs and the panel; never includes a key. */
  description: string;
}

const HOW_TO_ADD =
  'Set mplsandbox.critique.critic.baseUrl and mplsandbox.critique.critic.model (any OpenAI-compatible server: OpenAI, Ollama, vLLM, LM Studio, llama.cpp) and, if the server needs one, run "MPLSandbox: Set Critic API Key"; or set mplsandbox.critique.provider to "vscode-lm" to use a VS Code language model.';

async function roleConfig(
  secrets: vscode.SecretStorage,
  role: 'critic' | 'actor',
  own: RoleSettings,
  timeoutMs: number,
  warnings: string[],
): Promise<ModelRoleConfig> {
  const apiKey = await apiKeyFor(secrets, role, own.baseUrl);
  if (!apiKey) {
    const stored = await readApiKey(secrets, role);
    if (stored && stored.origin !== originOf(own.baseUrl)) {
      warnings.push(`The stored ${role} API key was entered for ${stored.origin} and is not sent to ${originOf(own.baseUrl) ?? own.baseUrl}; run "MPLSandbox: Set ${role === 'critic' ? 'Critic' : 'Actor'} API Key" again.`);
    }
  }
  return parseModelRoleConfig(role, {
    baseURL: own.baseUrl,
    model: own.model,
    temperature: own.temperature,
    maxTokens: own.maxTokens,
    timeoutMs,
    ...(apiKey ? { apiKey } : {}),
  });
}

async function openAiCompatible(secrets: vscode.SecretStorage, settings: CritiqueSettings): Promise<ModelSetup> {
  const warnings: string[] = [];
  const { critic } = settings;
  if (!critic.baseUrl || !critic.model) {
    const missing = !critic.baseUrl && !critic.model ? 'no critic model is configured' : `the critic has no ${critic.baseUrl ? 'model' : 'base URL'}`;
    return { models: {}, warnings, noModelReason: `Only the symbolic checker ran: ${missing}. ${HOW_TO_ADD}`, description: 'symbolic checker only' };
  }
  const criticConfig = await roleConfig(secrets, 'critic', critic, settings.timeoutMs, warnings);
  // The actor defaults to the critic's endpoint and model, one setting at a time.
  const actorSettings: RoleSettings = {
    ...settings.actor,
    baseUrl: settings.actor.baseUrl || critic.baseUrl,
    model: settings.actor.model || critic.model,
  };
  const actorConfig = await roleConfig(secrets, 'actor', actorSettings, settings.timeoutMs, warnings);
  return {
    models: { critic: criticConfig, actor: actorConfig },
    warnings,
    description: `critic ${describeModel(criticConfig)}, actor ${describeModel(actorConfig)}`,
  };
}

async function languageModelApi(settings: CritiqueSettings): Promise<ModelSetup> {
  const selector: vscode.LanguageModelChatSelector = {
    ...(settings.languageModel.vendor ? { vendor: settings.languageModel.vendor } : {}),
    ...(settings.languageModel.family ? { family: settings.languageModel.family } : {}),
  };
  const wanted = [selector.vendor, selector.family].filter(Boolean).join('/') || 'any vendor';
  if (!vscode.lm?.selectChatModels) {
    return { models: {}, warnings: [], noModelReason: `Only the symbolic checker ran: this VS Code has no Language Model API. ${HOW_TO_ADD}`, description: 'symbolic checker only' };
  }
  const [model] = await vscode.lm.selectChatModels(selector);
  if (!model) {
    return {
      models: {},
      warnings: [],
      noModelReason: `Only the symbolic checker ran: no VS Code language model matches ${wanted} (is a provider such as GitHub Copilot Chat installed and signed in?). ${HOW_TO_ADD}`,
      description: 'symbolic checker only',
    };
  }
  const critic = new LanguageModelApiChatClient(model, 'critic');
  const actor = new LanguageModelApiChatClient(model, 'actor');
  return { models: { critic: critic.config, actor: actor.config }, clients: { critic, actor }, warnings: [], description: `VS Code language model ${model.name} (${model.vendor}/${model.family})` };
}

export function resolveModelSetup(secrets: vscode.SecretStorage, settings: CritiqueSettings): Promise<ModelSetup> {
  return settings.provider === 'vscode-lm' ? languageModelApi(settings) : openAiCompatible(secrets, settings);
}
