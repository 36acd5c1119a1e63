// Everything about a language is its registry entry plus its Dockerfile: the files derived from the registry
// (package.json's language lists, the shared Dockerfile stages) must be in step with it, and the agent's C
// constants with the TypeScript side of the protocol. A failure prints the lines to change.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LANGUAGE_IDS } from '../../../src/core/languages/ids';
import { findLanguage, LANGUAGES } from '../../../src/core/languages/registry';
import { AGENT_MAX_PAYLOAD, AGENT_PROTOCOL_VERSION, ExitFlags, FRAME_HEADER_BYTES, MessageType, OomCounterCodes } from '../../../src/core/sandbox/agent-protocol';
import { deriveDockerfile, deriveManifest, lineDiff } from '../../../scripts/language-files';
import { readStages } from '../../../scripts/sync-languages';

const root = join(__dirname, '..', '..', '..');
const FIX = 'run `npm run sync-languages` to write them';

describe('files derived from the language registry', () => {
  it('the registry has one entry per LanguageId, in order, with unique names', () => {
    assert.deepEqual(LANGUAGES.map((l) => l.id), [...LANGUAGE_IDS]);
    for (const l of LANGUAGES) for (const name of [l.id, ...l.aliases]) assert.equal(findLanguage(name)?.id, l.id, `the name ${name} of ${l.id} is taken by another language`);
    const extensions = LANGUAGES.flatMap((l) => l.extensions);
    assert.deepEqual(extensions.filter((e, i) => extensions.indexOf(e) !== i), [], 'an extension claimed by two languages');
    const labels = LANGUAGES.flatMap((l) => (l.guesslang ? [l.guesslang] : []));
    assert.deepEqual(labels.filter((e, i) => labels.indexOf(e) !== i), [], 'a guesslang label claimed by two languages');
  });

  it("package.json's language lists are the registry's", () => {
    const text = readFileSync(join(root, 'package.json'), 'utf8');
    const expected = `${JSON.stringify(deriveManifest(JSON.parse(text)), null, 2)}\n`;
    if (text !== expected) assert.fail(`package.json is out of step with the registry (${FIX}):\n${lineDiff(text, expected, 'package.json')}`);
  });

  it('every sandbox Dockerfile has the shared agent and sandbox-user stages', () => {
    const stages = readStages();
    for (const image of new Set(LANGUAGES.map((l) => l.image))) {
      const file = join(root, 'sandbox-images', image, 'Dockerfile');
      assert.ok(existsSync(file), `sandbox-images/${image}/Dockerfile is missing`);
      const text = readFileSync(file, 'utf8');
      const expected = deriveDockerfile(text, stages);
      if (text !== expected) assert.fail(`sandbox-images/${image}/Dockerfile's shared stages differ from sandbox-images/stages/ (${FIX}):\n${lineDiff(text, expected, `sandbox-images/${image}/Dockerfile`)}`);
    }
  });

  it("the agent's protocol constants are the TypeScript side's", () => {
    const c = readFileSync(join(root, 'sandbox-images', 'common', 'agent', 'agent.c'), 'utf8');
    const define = (name: string) => {
      const m = new RegExp(`^#define ${name} (.+)$`, 'm').exec(c);
      assert.ok(m, `agent.c defines no ${name}`);
      return Number(new Function(`return ${m[1].replace(/(\d+)u\b/g, '$1')}`)());
    };
    const enumValue = (name: string) => {
      const m = new RegExp(`\\b${name} = (0x[0-9a-fA-F]+|\\d+)\\b`).exec(c);
      assert.ok(m, `agent.c has no ${name}`);
      return Number(m[1]);
    };
    assert.equal(define('PROTOCOL_VERSION'), AGENT_PROTOCOL_VERSION);
    assert.equal(define('HEADER_BYTES'), FRAME_HEADER_BYTES);
    assert.equal(define('AGENT_MAX_PAYLOAD'), AGENT_MAX_PAYLOAD);
    const messages: Record<keyof typeof MessageType, string> = {
      WriteFile: 'MSG_WRITE_FILE', Run: 'MSG_RUN', Stdin: 'MSG_STDIN', StdinEof: 'MSG_STDIN_EOF', Kill: 'MSG_KILL',
      Ready: 'MSG_READY', Output: 'MSG_OUTPUT', Exit: 'MSG_EXIT', Error: 'MSG_ERROR', Ack: 'MSG_ACK',
    };
    for (const [ts, cName] of Object.entries(messages) as [keyof typeof MessageType, string][]) assert.equal(enumValue(cName), MessageType[ts], `${cName} vs MessageType.${ts}`);
    assert.equal([...c.matchAll(/\bMSG_[A-Z_]+ = /g)].length, Object.keys(MessageType).length, 'agent.c has message types the TypeScript side lacks');
    const flags: Record<keyof typeof ExitFlags, string> = { TimedOut: 'EXIT_TIMED_OUT', Truncated: 'EXIT_TRUNCATED', OomKilled: 'EXIT_OOM_KILLED', Killed: 'EXIT_KILLED' };
    for (const [ts, cName] of Object.entries(flags) as [keyof typeof ExitFlags, string][]) assert.equal(enumValue(cName), ExitFlags[ts], `${cName} vs ExitFlags.${ts}`);
    assert.equal(enumValue('OOM_NONE'), OomCounterCodes.none);
    assert.equal(enumValue('OOM_CGROUP_V1'), OomCounterCodes['cgroup-v1']);
    assert.equal(enumValue('OOM_CGROUP_V2'), OomCounterCodes['cgroup-v2']);
  });
});
