// The model that writes fixes ("actor") for Fix with Sandbox Feedback: the same one the math critique uses —
// the mplsandbox.critique.actor.* settings (falling back to the critic's), its key from SecretStorage ("Set Actor
// API Key"), or a VS Code language model — and, without settings, the MPLSANDBOX_ACTOR_* environment variables
// the CLI reads. Keys never come from settings and are never logged. The openai SDK loads only here.
import type * as vscode from 'vscode';
import { MplSandboxError } from '../../core/errors';
import type { ChatClient } from '../../core/models/chat-client';
import type { CritiqueSettings } from '../critique/critique-settings';
import { loadCore } from './load-core';

export const NO_ACTOR_MESSAGE =
  'Fix with Sandbox Feedback needs a model: set mplsandbox.critique.actor.baseUrl and mplsandbox.critique.actor.model (or the critic\'s, which the actor falls back to) ' +
  'to an OpenAI-compatible server such as http://127.0.0.1:11434/v1, and run "MPLSandbox: Set Actor API Key" if it needs a key; or choose a VS Code language model in mplsandbox.critique.provider.';

export class NoModelError extends MplSandboxError {
  constructor() {
    super('no-model', NO_ACTOR_MESSAGE);
  }
}

/** A chat client for the actor, or NoModelError. */
export async function actorClient(secrets: vscode.SecretStorage, log: vscode.LogOutputChannel, settings: CritiqueSettings): Promise<ChatClient> {
  const { ChatClient, resolveModelRoles, describeModel, resolveModelSetup } = loadCore();
  const setup = await resolveModelSetup(secrets, settings);
  for (const warning of setup.warnings) log.warn(warning);
  if (setup.clients?.actor) return setup.clients.actor;
  const onRetry = (n: { retry: number; delayMs: number; error: Error }) => log.warn(`model retry ${n.retry} in ${n.delayMs} ms: ${n.error.message}`);
  const configured = setup.models.actor ?? resolveModelRoles(process.env).actor;
  if (!configured) throw new NoModelError();
  log.info(`fix model: ${describeModel(configured)}`);
  return new ChatClient(configured, { role: 'actor', onRetry });
}
