// SandboxFusion's language names against the registry, without Docker: every name of its `Language` list
// has exactly one decision (one of our languages, a form of one, a test-framework mode, or a reason it cannot
// run here), every
// name that runs resolves to its language, and every one that cannot is refused with the reason and the
// names that work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES } from '../../src/core/languages/registry';
import { TEST_MODES } from '../../src/core/languages/test-modes';
import { ApiError } from '../../src/service/errors';
import { parseRunCodeRequest } from '../../src/service/sandbox-fusion';
import { runCodeNames, SANDBOX_FUSION_DECISIONS, SANDBOX_FUSION_FORMS, SANDBOX_FUSION_UNAVAILABLE } from '../../src/service/sandbox-fusion-languages';

/** bytedance/SandboxFusion sandbox/runners/types.py `Language` @53a6341, in its order. */
const SANDBOX_FUSION_LANGUAGE_LIST = [
  'python', 'cpp', 'nodejs', 'go', 'go_test', 'java', 'php', 'csharp', 'bash', 'typescript', 'sql', 'rust', 'cuda', 'lua', 'R',
  'perl', 'D_ut', 'ruby', 'scala', 'julia', 'pytest', 'junit', 'kotlin_script', 'jest', 'verilog', 'python_gpu', 'lean', 'swift',
  'racket',
];

function refusal(language: string): ApiError {
  try {
    parseRunCodeRequest({ code: 'x', language });
  } catch (err) {
    assert.ok(err instanceof ApiError, String(err));
    return err;
  }
  assert.fail(`'${language}' was accepted`);
}

test('every SandboxFusion language name has exactly one decision, and no decision names something it does not have', () => {
  const decided = [
    ...LANGUAGES.flatMap((l) => SANDBOX_FUSION_DECISIONS[l.id].names),
    ...Object.keys(SANDBOX_FUSION_FORMS),
    ...Object.keys(SANDBOX_FUSION_UNAVAILABLE),
    ...TEST_MODES.map((m) => m.id),
  ];
  const count = (name: string) => decided.filter((d) => d === name).length;
  assert.deepEqual(SANDBOX_FUSION_LANGUAGE_LIST.filter((n) => count(n) !== 1), [], 'names with no decision or more than one');
  assert.deepEqual(decided.filter((n) => !SANDBOX_FUSION_LANGUAGE_LIST.includes(n)), [], 'decisions for names SandboxFusion does not have');
});

test('each name SandboxFusion has for one of our languages runs that language; kotlin_script runs as a script file', () => {
  for (const lang of LANGUAGES) {
    for (const name of runCodeNames(lang.id)) {
      const r = parseRunCodeRequest({ code: 'x', language: name });
      assert.equal(r.language, lang.id, name);
      assert.equal(r.request.fileName, SANDBOX_FUSION_FORMS[name]?.fileName, name);
    }
  }
  assert.deepEqual(runCodeNames('r'), ['r', 'R']);
  assert.deepEqual(runCodeNames('d'), ['d', 'D_ut']);
  assert.deepEqual(runCodeNames('kotlin'), ['kotlin', 'kotlin_script']);
  assert.deepEqual(runCodeNames('haskell'), ['haskell'], 'a language SandboxFusion lacks is taken by our name');
  const script = parseRunCodeRequest({ code: 'println(1)', language: 'kotlin_script' });
  assert.equal(LANGUAGES.find((l) => l.id === 'kotlin')!.sourceFile(script.request.code, script.request.fileName), 'main.kts');
});

test('a SandboxFusion name we cannot run is refused with the reason and the names that work', () => {
  for (const [name, why] of Object.entries(SANDBOX_FUSION_UNAVAILABLE)) {
    const err = refusal(name);
    assert.equal(err.statusCode, 400);
    assert.equal(err.field, 'language');
    assert.ok(err.message.includes(why), `${name}: ${err.message}`);
    for (const works of ['python', 'nodejs', 'R', 'D_ut', 'kotlin_script', 'racket', 'haskell', 'pytest', 'go_test']) assert.ok(err.allowed?.includes(works), `${name}: ${works} listed`);
  }
  assert.match(refusal('julia').message, /^language: SandboxFusion's 'julia' cannot run here: Julia is not packaged in Debian 12.*Supported: .*kotlin_script/);
  assert.match(refusal('brainfuck').message, /unknown language 'brainfuck'; supported: .*D_ut.*python/);
});

test('compile_result is reported only for languages whose registry entry compiles', () => {
  const claimed = LANGUAGES.filter((l) => SANDBOX_FUSION_DECISIONS[l.id].compileResult);
  assert.deepEqual(claimed.filter((l) => !l.compile || l.checkOnly).map((l) => l.id), []);
  assert.deepEqual(claimed.map((l) => l.id).sort(), ['c', 'cpp', 'csharp', 'd', 'go', 'java', 'rust', 'scala', 'verilog']);
});
