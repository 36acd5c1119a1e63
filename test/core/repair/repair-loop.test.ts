// The repair loop against the scripted test model server and the real Python sandbox: a fix that passes in round 2,
// fixes that never pass (stops at K), a fix that makes things worse; and "explain this failure".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChatClient } from '../../../src/core/models/chat-client';
import { parseModelRoleConfig } from '../../../src/core/models/config';
import { explainFailure } from '../../../src/core/repair/explain-failure';
import { repairWithFeedback, type RunCases } from '../../../src/core/repair/repair-loop';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import type { TestCase } from '../../../src/core/sandbox/types';
import { reply, startModelServer, type ModelServer } from '../../support/model-server';
import { needs } from '../../support/tiers';

const CASES: TestCase[] = [
  { input: '2\n', expected: '4\n' },
  { input: '3\n', expected: '9\n' },
  { input: '-4\n', expected: '16\n' },
];
const BROKEN = 'n = int(input())\nprint(n + n)\n'; // passes case 1 only
const ALMOST = 'n = int(input())\nprint(n * n if n > 0 else 0)\n'; // passes cases 1-2
const FIXED = 'n = int(input())\nprint(n * n)\n';
const WORSE = 'n = int(input())\nprint(n / 0)\n'; // passes none
const fenced = (code: string) => `Here is the corrected program:\n\n\`\`\`python\n${code}\`\`\`\n`;

describe('repair with sandbox feedback (test model server, real Docker)', { timeout: 600_000, ...needs('docker') }, () => {
  let server: ModelServer;
  let engine: SandboxEngine;
  let model: ChatClient;
  let runCases: RunCases;
  const userCode = { value: BROKEN };

  before(async () => {
    server = await startModelServer();
    engine = new SandboxEngine({ poolSize: 0 });
    model = new ChatClient(parseModelRoleConfig('actor', { baseURL: server.baseURL, model: 'test-model' }), { role: 'actor', retry: { maxRetries: 0 } });
    runCases = (code, signal) => engine.runCode({ code, language: 'python', cases: CASES, signal });
  });
  after(async () => {
    await server.close();
    await engine.close();
  });

  it('passes in round 2: stops there, every round kept, feedback of round 1 sent back', async () => {
    const before = server.chatRequests().length;
    server.enqueue(reply.text(fenced(ALMOST)), reply.text(fenced(FIXED)));
    const seen: number[] = [];
    const r = await repairWithFeedback({ code: userCode.value, language: 'python', cases: CASES, rounds: 5, onRound: (x) => seen.push(x.round) }, model, runCases);
    assert.equal(r.outcome, 'fixed');
    assert.deepEqual(seen, [0, 1, 2]);
    assert.deepEqual(r.rounds.map((x) => [x.round, x.passed, x.verdict]), [[0, 1, 'WrongAnswer'], [1, 2, 'WrongAnswer'], [2, 3, 'Accepted']]);
    assert.equal(r.best, 2);
    assert.equal(r.rounds[2].code, FIXED);
    assert.equal(userCode.value, BROKEN, "the user's program is untouched");
    const requests = server.chatRequests().slice(before);
    assert.equal(requests.length, 2, 'no model call after the cases pass');
    const second = requests[1].body?.messages ?? [];
    const feedback = second[second.length - 1].content;
    assert.match(feedback, /Case 3: WrongAnswer/);
    assert.match(feedback, /expected output:\n16/);
    assert.match(feedback, /better than before: 2\/3/);
  });

  it('never passes: stops after K rounds and offers the best round', async () => {
    server.enqueue(reply.text(fenced(BROKEN)), reply.text(fenced(ALMOST)), reply.text(fenced(BROKEN)));
    const r = await repairWithFeedback({ code: BROKEN, language: 'python', cases: CASES, rounds: 3 }, model, runCases);
    assert.equal(r.outcome, 'rounds-exhausted');
    assert.equal(r.rounds.length, 4);
    assert.deepEqual(r.rounds.map((x) => x.passed), [1, 1, 2, 1]);
    assert.equal(r.best, 2);
  });

  it('a fix that makes things worse: kept, reported as worse, the model is pointed back to the better version', async () => {
    const before = server.chatRequests().length;
    server.enqueue(reply.text(fenced(WORSE)), reply.text(fenced(FIXED)));
    const r = await repairWithFeedback({ code: ALMOST, language: 'python', cases: CASES, rounds: 2 }, model, runCases);
    assert.equal(r.rounds[1].passed, 0);
    assert.equal(r.rounds[1].verdict, 'RuntimeError');
    assert.match(r.rounds[1].feedback, /ZeroDivisionError/);
    const messages = server.chatRequests()[before + 1].body?.messages ?? [];
    assert.match(messages[messages.length - 1].content, /worse than round 0 \(2\/3 passed there, 0\/3 now\)[\s\S]*n \* n if n > 0/);
    assert.equal(r.outcome, 'fixed');
    assert.equal(r.best, 2);
  });

  it('explains a failure from the code, the verdict and the failing case', async () => {
    const result = await runCases(BROKEN);
    server.enqueue(reply.text('Line 2 adds n to itself; it should multiply: print(n * n).'));
    const before = server.chatRequests().length;
    const text = await explainFailure({ code: BROKEN, language: 'python', result }, model);
    assert.match(text, /multiply/);
    const prompt = server.chatRequests()[before].body?.messages?.[1].content ?? '';
    assert.match(prompt, /print\(n \+ n\)/);
    assert.match(prompt, /Verdict: WrongAnswer \(1\/3 cases passed\)/);
    assert.match(prompt, /Case 2: WrongAnswer\ninput:\n3\n\nexpected output:\n9\n\nactual output:\n6/);
  });
});
