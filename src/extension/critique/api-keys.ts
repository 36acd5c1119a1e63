// API keys of the critic and actor endpoints, kept in SecretStorage (never in settings or logs). A key is bound
// to the origin of the base URL it was entered for: a different endpoint (e.g. a workspace setting pointing
// elsewhere) never receives it. This file stores them (the commands, loaded at activation); reading them back
// with validation is stored-api-keys.ts, which only a critique or a fix needs.
import * as vscode from 'vscode';
import type { Command } from '../ctx';
import { openCritiqueSettings, type CritiqueRole } from './critique-settings';

/** The SecretStorage entry of a role's key: JSON `{ apiKey, origin }` (read back by stored-api-keys.ts). */
export function secretName(role: CritiqueRole): string {
  return `mplsandbox.critique.${role}.apiKey`;
}

export function originOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return undefined;
  }
}

function setApiKeyCommand(role: CritiqueRole): Command {
  const Role = role === 'critic' ? 'Critic' : 'Actor';
  return {
    id: `mplsandbox.set${Role}ApiKey`,
    factory: (ctx) => async () => {
      const settings = ctx.config.critique;
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
