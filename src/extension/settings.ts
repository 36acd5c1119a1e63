// Every `mplsandbox.*` setting the extension reads, with its default written once. package.json's
// contributes.configuration must declare exactly these keys with these defaults (test/extension-unit/
// settings.test.ts fails otherwise); Config's getters fall back to them for values out of range. Settings that the
// sandbox engine is constructed with are marked: changing one makes a new engine (its containers are removed).
// No vscode import, so that the table can be checked by plain node tests.

import { LANGUAGE_IDS } from '../core/languages/ids';

interface Setting<T> {
  default: T;
  /** The engine is built with it: a change needs a new engine. */
  restartsEngine?: true;
}

const setting = <T>(defaultValue: T, opts: { restartsEngine?: true } = {}): Setting<T> => ({ default: defaultValue, ...opts });

export const SETTINGS = {
  'docker.host': setting('', { restartsEngine: true }),
  'sandbox.timeoutSeconds': setting(10),
  'sandbox.memoryLimitMb': setting(512),
  'sandbox.cpus': setting(1),
  'sandbox.outputLimitKb': setting(1024),
  'sandbox.interactiveTimeoutMinutes': setting(10),
  'sandbox.warmPoolSize': setting(1, { restartsEngine: true }),
  'sandbox.autoBuildImages': setting(true, { restartsEngine: true }),
  'sandbox.images': setting<Record<string, string>>({}, { restartsEngine: true }),
  // Every sandbox language (package.json's list is generated from the registry).
  'sandbox.enabledLanguages': setting<readonly string[]>([...LANGUAGE_IDS]),
  'sandbox.runWithProject': setting(true),
  // Project limits: the core's defaults (src/core/projects/collect.ts DEFAULT_PROJECT_LIMITS).
  'sandbox.projectMaxFiles': setting(1000),
  'sandbox.projectMaxMegabytes': setting(16),
  'critique.provider': setting<'openai-compatible' | 'vscode-lm'>('openai-compatible'),
  'critique.critic.baseUrl': setting(''),
  'critique.critic.model': setting(''),
  'critique.critic.temperature': setting(0),
  'critique.critic.maxTokens': setting(2048),
  'critique.actor.baseUrl': setting(''),
  'critique.actor.model': setting(''),
  'critique.actor.temperature': setting(0),
  'critique.actor.maxTokens': setting(2048),
  'critique.actor.rounds': setting(3),
  'critique.actor.samples': setting(1),
  'critique.languageModel.vendor': setting('copilot'),
  'critique.languageModel.family': setting(''),
  'critique.timeoutSeconds': setting(120),
  'critique.onSave': setting(false),
  'critique.sandboxChecks': setting(false),
  'critique.onSaveDelayMs': setting(1500),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['default'];

/** The default of a setting. */
export function settingDefault<K extends SettingKey>(key: K): SettingValue<K> {
  return SETTINGS[key].default;
}

/** Full names (`mplsandbox.docker.host`, …) of the settings whose change needs a new sandbox engine. */
export const ENGINE_SETTINGS: readonly string[] = (Object.keys(SETTINGS) as SettingKey[])
  .filter((k) => (SETTINGS[k] as Setting<unknown>).restartsEngine)
  .map((k) => `mplsandbox.${k}`);
