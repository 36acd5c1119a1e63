// The Run in Sandbox contributions as VS Code loaded them: the keybinding clashes with no default binding
// (nor Code Runner's), the run button and context menus cover every language of the registry, and
// untrusted workspaces are restricted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LANGUAGES } from '../../src/core/languages/registry';
import { extension } from './helpers';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}
interface SandboxManifest {
  contributes: {
    keybindings: { command: string; key: string; mac?: string; when?: string }[];
    menus: Record<string, MenuEntry[]>;
    walkthroughs?: { steps: { id: string; media: { markdown?: string } }[] }[];
  };
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
}

const manifest = () => extension().packageJSON as SandboxManifest;

/** Code Runner's default keybindings (formulahendry.code-runner), which many users have installed. */
const CODE_RUNNER_KEYS = ['ctrl+alt+n', 'ctrl+alt+m', 'ctrl+alt+j', 'ctrl+alt+k', 'ctrl+alt+l'];

/** The regular expression of a `when` clause's `=~ /…/` test. */
function whenRegex(when: string | undefined, key: string): RegExp {
  const m = new RegExp(`${key} =~ /(.+?)/(?: |$)`).exec(when ?? '');
  if (!m) throw new Error(`no ${key} =~ /…/ in when clause: ${when}`);
  return new RegExp(m[1]);
}

suite('Run in Sandbox contributions', () => {
  test('the Run in Sandbox keybinding clashes with no default VS Code binding, nor Code Runner’s', async () => {
    const ours = manifest().contributes.keybindings.find((k) => k.command === 'mplsandbox.run');
    assert.ok(ours, 'mplsandbox.run has a keybinding');
    assert.ok(!CODE_RUNNER_KEYS.includes(ours.key), `${ours.key} is Code Runner's`);
    // VS Code's own list of default keybindings (every built-in and extension contribution of this window).
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.getText().includes('"key"'), 'the default keybindings file is open');
    const text = editor.document.getText();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const entries = [...text.matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].map((m) => ({ key: m[1], command: m[2] }));
    assert.ok(entries.length > 500, `only ${entries.length} default keybindings parsed`);
    const clashes = entries.filter((e) => e.key === ours.key && e.command !== 'mplsandbox.run' && !e.command.startsWith('-'));
    assert.deepEqual(clashes, [], `${ours.key} is already bound`);
  });

  test('the editor title run button and the context menus cover every language of the registry', () => {
    const menus = manifest().contributes.menus;
    const title = menus['editor/title'].find((m) => m.command === 'mplsandbox.run');
    const editorLangs = whenRegex(title?.when, 'editorLangId');
    const missingIds = LANGUAGES.flatMap((l) => l.vscodeLanguageIds).filter((id) => !editorLangs.test(id));
    assert.deepEqual(missingIds, [], 'languageIds without the run button');
    assert.ok(editorLangs.test('plaintext'), 'plaintext buffers can run (identified by content)');
    assert.ok(!editorLangs.test('markdown'), 'no run button on Markdown');
    const explorer = menus['explorer/context'].find((m) => m.command === 'mplsandbox.run');
    const extensions = whenRegex(explorer?.when, 'resourceExtname');
    const missingExtensions = LANGUAGES.flatMap((l) => l.extensions).filter((ext) => !extensions.test(ext));
    assert.deepEqual(missingExtensions, [], 'file extensions without the explorer entry');
    assert.ok(menus['editor/context'].some((m) => m.command === 'mplsandbox.run'));
    assert.ok(menus['editor/title'].some((m) => m.command === 'mplsandbox.stop' && m.when === 'mplsandbox.running'), 'a stop button while running');
  });

  test('untrusted workspaces: limited support, with the engine settings restricted', () => {
    const trust = manifest().capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    for (const setting of ['mplsandbox.docker.host', 'mplsandbox.sandbox.images']) {
      assert.ok(trust.restrictedConfigurations?.includes(setting), `${setting} is not restricted`);
    }
  });

  test('the walkthrough media exist', async () => {
    const steps = manifest().contributes.walkthroughs?.flatMap((w) => w.steps) ?? [];
    assert.ok(steps.length >= 4);
    for (const step of steps) {
      const media = step.media.markdown;
      assert.ok(media, `${step.id} has markdown media`);
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension().extensionUri, media));
    }
  });
});
