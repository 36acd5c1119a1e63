// Reads the critic's and actor's API keys back from SecretStorage (api-keys.ts stores them), validated with zod,
// and hands a key only to the origin it was entered for. Used when a critique or a fix resolves its models, so it
// lives in the lazily loaded bundles, not in the one every activation parses.
import type * as vscode from 'vscode';
import { z } from 'zod';
import { originOf, secretName } from './api-keys';
import type { CritiqueRole } from './critique-settings';

const storedKeySchema = z.object({ apiKey: z.string().min(1), origin: z.string().min(1) });

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
