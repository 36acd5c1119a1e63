// API keys of the critic and actor endpoints, kept in SecretStorage (never in settings or logs). A key is bound
// to the origin of the base URL it was entered for: a different endpoint (e.g. a workspace setting pointing
// elsewhere) never receives it.
import * as vscode from 'vscode';
import { z } from 'zod';
import type { Command } from '../ctx';
import { openCritiqueSettings, readCritiqueSettings, type CritiqueRole } from './critique-settings';

const storedKeySchema = z.object({ apiKey: z.string().min(1), origin: z.string().min(1) });

function secretName(role: CritiqueRole): string {
  return `mplsandbox.critique.${role}.apiKey`;
}

export function originOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return undefined;
  }
}

export interface StoredKey {
  apiKey: string;
  origin: string;
}

export async function readApiKey(secrets: vscode.SecretStorage, role: CritiqueRole): Promise<StoredKey | undefined> {
  const raw = await secrets.get(secretName(role));
  if (!raw) return undefined;
  try {
    const parsed = storedKeySchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The key to send to `baseUrl` for `role`: the role's own, else the critic's when the actor uses the same origin. */
export async function apiKeyFor(secrets: vscode.SecretStorage, role: CritiqueRole, baseUrl: string): Promise<string | undefined> {
  const origin = originOf(baseUrl);
  if (!origin) return undefined;
  const own = await readApiKey(secrets, role);
  if (own?.origin === origin) return own.apiKey;
  if (role === 'actor' && !own) {
    const critic = await readApiKey(secrets, 'critic');
    if (critic?.origin === origin) return critic.apiKey;
  }
  return undefined;
}

function setApiKeyCommand(role: CritiqueRole): Command {
  const Role = role === 'critic' ? 'Critic' : 'Actor';
  return {
    id: `mplsandbox.set${Role}ApiKey`,
    factory: (ctx) => async () => {
      const settings = readCritiqueSettings();
      const baseUrl = settings[role].baseUrl || (role === 'actor' ? settings.critic.baseUrl : '');
      const origin = originOf(baseUrl);
      if (!origin) {
        const configure = 'Configure';
        const pick = await vscode.window.showWarningMessage(
          `Set mplsandbox.critique.${role}.baseUrl first: the ${role} API key is only ever sent to that endpoint.`,
          configure,
        );
        if (pick === configure) await openCritiqueSettings();
        return;
      }
      const value = await vscode.window.showInputBox({
        title: `MPLSandbox: ${Role} API key`,
        prompt: `API key for ${origin} (stored in VS Code's secret storage; leave empty to remove the stored key)`,
        password: true,
        ignoreFocusOut: true,
      });
      if (value === undefined) return;
      if (value.trim() === '') {
        await ctx.extCtx.secrets.delete(secretName(role));
        ctx.log.info(`${role} API key removed`);
        void vscode.window.showInformationMessage(`MPLSandbox: the ${role} API key was removed.`);
        return;
      }
      await ctx.extCtx.secrets.store(secretName(role), JSON.stringify({ apiKey: value.trim(), origin }));
      ctx.log.info(`${role} API key stored for ${origin}`);
      void vscode.window.showInformationMessage(`MPLSandbox: the ${role} API key is stored for ${origin}.`);
    },
  };
}

export const setCriticApiKey = setApiKeyCommand('critic');
export const setActorApiKey = setApiKeyCommand('actor');
