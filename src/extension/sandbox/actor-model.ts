// The model that writes fixes ("actor"), for Fix with Sandbox Feedback. Its endpoint comes from the same
// MPLSANDBOX_ACTOR_* / MPLSANDBOX_CRITIC_* variables as the CLI's, and its key from SecretStorage when one was
// stored there (never from settings, never logged). The openai SDK loads only when a fix is asked for.
import type * as vscode from 'vscode';
import type { ChatClient } from '../../core/models/chat-client';
import { loadCore } from './load-core';

/** SecretStorage key of the actor's API key (set by "Set Actor API Key"). */
export const ACTOR_KEY_SECRET = 'mplsandbox.actor.apiKey';

export const NO_ACTOR_MESSAGE =
  'Fix with Sandbox Feedback needs a model: set MPLSANDBOX_ACTOR_BASE_URL (an OpenAI-compatible endpoint such as http://127.0.0.1:11434/v1) ' +
  'and MPLSANDBOX_ACTOR_MODEL in the environment VS Code starts with, and store a key with "Set Actor API Key" if the server needs one.';

export class NoModelError extends Error {
  constructor() {
    super(NO_ACTOR_MESSAGE);
    this.name = 'NoModelError';
  }
}

/** A chat client for the actor, or NoModelError. */
export async function actorClient(secrets: vscode.SecretStorage, log: vscode.LogOutputChannel): Promise<ChatClient> {
  const { ChatClient, resolveModelRoles, describeModel } = loadCore();
  const storedKey = await secrets.get(ACTOR_KEY_SECRET);
  const actor = resolveModelRoles(process.env, storedKey ? { actor: { apiKey: storedKey } } : {}).actor;
  if (!actor) throw new NoModelError();
  log.info(`fix model: ${describeModel(actor)}`);
  return new ChatClient(actor, { role: 'actor', onRetry: (n) => log.warn(`model retry ${n.retry} in ${n.delayMs} ms: ${n.error.message}`) });
}
