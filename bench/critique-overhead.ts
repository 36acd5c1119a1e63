// Pipeline overhead of a critique (parse the note, symbolic check, build the prompt, parse the streamed reply
// incrementally and at the end) as a share of the model's time, with the test model server replaying real
// AutoMathCritique critiques at a realistic token rate. Target: < 5 %.
//   node --import tsx bench/critique-overhead.ts [--tokens-per-second 50] [--exchanges 10]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ChatClient } from '../src/core/models/chat-client';
import { parseModelRoleConfig } from '../src/core/models/config';
import { parseNote } from '../src/core/critique/notes';
import { checkProblem } from '../src/core/critique/symbolic';
import { buildCriticMessages } from '../src/core/critique/prompts';
import { parseCritiqueReply } from '../src/core/critique/reply-parser';
import { mapBounded } from '../src/core/critique/bounded-map';
import { reply, startModelServer } from '../test/support/model-server';
import { loadMathCritiqueCorpus, type CorpusExchange } from '../test/support/mathcritique-corpus';

const { values } = parseArgs({ options: { 'tokens-per-second': { type: 'string', default: '50' }, exchanges: { type: 'string', default: '10' } } });
const tokensPerSecond = Number(values['tokens-per-second']);
const count = Number(values.exchanges);

function noteFor(exchange: CorpusExchange): string {
  const steps = exchange.solution.split('\n').filter((l) => l.trim());
  return `## Problem 1\n\n${exchange.question}\n\n**Solution**\n\n${steps.join('\n\n')}\n`;
}

interface Sample {
  id: string;
  modelMs: number;
  overheadMs: number;
  tokens: number;
}

async function main(): Promise<void> {
  const corpus = loadMathCritiqueCorpus();
  const picked = [...corpus.filter((e) => e.dataset === 'gsm8k').slice(0, Math.ceil(count / 2)), ...corpus.filter((e) => e.dataset === 'math').slice(0, Math.floor(count / 2))];
  const byPrompt = new Map<string, CorpusExchange>();
  const server = await startModelServer({
    responder: (request) => {
      const prompt = request.body?.messages?.[1]?.content ?? '';
      const exchange = [...byPrompt.entries()].find(([key]) => prompt.includes(key))?.[1];
      return exchange ? reply.text(exchange.critique, { tokensPerSecond, chunkChars: 4 }) : reply.serverError('unknown prompt');
    },
  });
  const client = new ChatClient(parseModelRoleConfig('critic', { baseURL: server.baseURL, model: 'replay' }));
  const samples = await mapBounded(picked, 5, async (exchange): Promise<Sample | undefined> => {
    let overhead = 0;
    const timed = <T>(work: () => T): T => {
      const t0 = performance.now();
      const out = work();
      overhead += performance.now() - t0;
      return out;
    };
    const note = timed(() => parseNote(noteFor(exchange)));
    const problem = note.problems[0];
    if (!problem) return undefined;
    const findings = timed(() => checkProblem(problem));
    const messages = timed(() => buildCriticMessages({ question: problem.question, steps: problem.steps, finalAnswerRaw: problem.finalAnswer?.raw }, findings, 'text'));
    byPrompt.set(problem.question.trim(), exchange);
    const t0 = performance.now();
    let inCallbacks = 0;
    const result = await client.complete({
      messages,
      stream: true,
      onDelta: (delta, text) => {
        if (!delta.includes('\n')) return;
        const s0 = performance.now();
        parseCritiqueReply(text, problem.steps, { final: false });
        inCallbacks += performance.now() - s0;
      },
    });
    const modelMs = performance.now() - t0 - inCallbacks;
    overhead += inCallbacks;
    const parsed = timed(() => parseCritiqueReply(result.text, problem.steps, { final: true }));
    if (parsed.steps.length === 0) throw new Error(`${exchange.id}: no verdicts parsed`);
    return { id: exchange.id, modelMs, overheadMs: overhead, tokens: Math.ceil(result.text.length / 4) };
  });
  await server.close();
  const done = samples.filter((s): s is Sample => s !== undefined);
  const model = done.reduce((t, s) => t + s.modelMs, 0);
  const overhead = done.reduce((t, s) => t + s.overheadMs, 0);
  const tokens = done.reduce((t, s) => t + s.tokens, 0);
  for (const s of done) console.log(`${s.id.padEnd(9)} model ${(s.modelMs / 1000).toFixed(2)} s  pipeline ${s.overheadMs.toFixed(1)} ms  (${((100 * s.overheadMs) / s.modelMs).toFixed(2)} %)`);
  console.log(`exchanges: ${done.length} of ${picked.length} (notes that parsed)`);
  console.log(`measured model rate: ${(tokens / (model / 1000)).toFixed(1)} tokens/s (target ${tokensPerSecond})`);
  console.log(`pipeline overhead / model time: ${overhead.toFixed(1)} ms / ${(model / 1000).toFixed(2)} s = ${((100 * overhead) / model).toFixed(2)} % (target < 5 %)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
