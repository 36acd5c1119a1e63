// The settings table (src/extension/settings.ts) against package.json: the same keys, the same defaults. Config's
// getters fall back to the table's defaults, while VS Code answers with package.json's — so a difference between
// the two shows only here (a test inside VS Code would read package.json's default and pass whatever the table says).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENGINE_SETTINGS, SETTINGS } from '../../src/extension/settings';

interface Property {
  default?: unknown;
  scope?: string;
}

const root = resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Property> } | { properties: Record<string, Property> }[] } };
const sections = manifest.contributes.configuration;
const properties: Record<string, Property> = Object.assign({}, ...(Array.isArray(sections) ? sections : [sections]).map((s) => s.properties));

describe('settings table vs package.json', () => {
  it('declares the same keys', () => {
    const declared = Object.keys(properties).map((k) => k.replace(/^mplsandbox\./, '')).sort();
    const read = Object.keys(SETTINGS).sort();
    assert.deepEqual(
      read.filter((k) => !declared.includes(k)),
      [],
      'settings the extension reads but package.json does not declare (add them to contributes.configuration)',
    );
    assert.deepEqual(
      declared.filter((k) => !read.includes(k)),
      [],
      'settings package.json declares that src/extension/settings.ts does not list (add each with its default; read it through Config)',
    );
  });

  for (const [key, spec] of Object.entries(SETTINGS)) {
    it(`mplsandbox.${key}: the default is package.json's`, () => {
      const p = properties[`mplsandbox.${key}`];
      assert.ok(p, `package.json does not declare mplsandbox.${key}`);
      assert.deepEqual(spec.default, p.default, `src/extension/settings.ts and package.json disagree on the default of mplsandbox.${key}`);
    });
  }

  it('the settings that restart the engine are the ones it is built with', () => {
    assert.deepEqual([...ENGINE_SETTINGS].sort(), ['mplsandbox.docker.host', 'mplsandbox.sandbox.autoBuildImages', 'mplsandbox.sandbox.images', 'mplsandbox.sandbox.warmPoolSize']);
  });
});
