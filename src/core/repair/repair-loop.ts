// "Fix with sandbox feedback": the model proposes a program, the sandbox runs the test cases, the result goes back to
// the model, for up to K rounds or until every case passes. Every round is kept. The user's file is never written:
// the caller gets the rounds and decides what to apply.
import type { ChatClient, ChatMessage } from '../models/chat-client';
import type { RunResult, TestCase } from '../sandbox/types';
import { extractCode, NoCodeInReplyError } from './extract-code';
import { describeRun } from './feedback';
import { FIX_SYSTEM_PROMPT, firstFixMessage, nextFixMessage } from './prompts';

/** Runs a program on the cases, as the sandbox engine does (`engine.runCode` fits). */
export type RunCases = (code: string, signal?: AbortSignal) => Promise<RunResult>;

export interface RepairRound {
  /** 0 is the user's program; 1… the model's attempts. */
  round: number;
  code: string;
  verdict: RunResult['status'];
  passed: number;
  total: number;
  /** What the sandbox said, as sent to the model. */
  feedback: string;
  /** The model's whole reply (absent for round 0). */
  reply?: string;
  result: RunResult;
}

export type RepairOutcome = 'fixed' | 'already-passing' | 'rounds-exhausted' | 'no-code-in-reply';

export interface RepairResult {
  outcome: RepairOutcome;
  rounds: RepairRound[];
  /** The round with the most passing cases (the earliest of equals): what to offer the user. */
  best: number;
}

export interface RepairRequest {
  code: string;
  language: string;
  cases: TestCase[];
  /** Most model attempts (K). Default 3. */
  rounds?: number;
  signal?: AbortSignal;
  onRound?: (round: RepairRound) => void;
}

function score(r: RunResult): number {
  return r.cases.filter((c) => c.passed).length;
}

const allPass = (r: RunResult) => r.status === 'Accepted' && r.cases.every((c) => c.passed);

function comparison(current: RepairRound, best: RepairRound): string {
  if (current.passed > best.passed) return `This is better than before: ${current.passed}/${current.total} cases pass.`;
  if (current.passed < best.passed) {
    return `This is worse than round ${best.round} (${best.passed}/${best.total} passed there, ${current.passed}/${current.total} now). ` + 'Start again from that version:\n```\n' + best.code.replace(/\n$/, '') + '\n```';
  }
  return `No progress: ${current.passed}/${current.total} cases pass, as before.`;
}

export async function repairWithFeedback(req: RepairRequest, model: ChatClient, runCases: RunCases): Promise<RepairResult> {
  if (req.cases.length === 0) throw new Error('fixing needs test cases: the loop stops when they all pass');
  const maxRounds = Math.max(1, Math.floor(req.rounds ?? 3));
  const rounds: RepairRound[] = [];
  const record = (round: RepairRound) => {
    rounds.push(round);
    req.onRound?.(round);
    return round;
  };
  const toRound = (round: number, code: string, result: RunResult, reply?: string): RepairRound => ({
    round,
    code,
    verdict: result.status,
    passed: score(result),
    total: result.cases.length || req.cases.length,
    feedback: describeRun(result),
    ...(reply !== undefined ? { reply } : {}),
    result,
  });
  const bestIndex = () => rounds.reduce((best, r, i) => (r.passed > rounds[best].passed ? i : best), 0);

  const original = record(toRound(0, req.code, await runCases(req.code, req.signal)));
  if (allPass(original.result)) return { outcome: 'already-passing', rounds, best: 0 };

  const messages: ChatMessage[] = [{ role: 'system', content: FIX_SYSTEM_PROMPT }, firstFixMessage(req.code, req.language, original.result)];
  for (let round = 1; round <= maxRounds; round++) {
    const reply = await model.complete({ messages, signal: req.signal });
    messages.push({ role: 'assistant', content: reply.text });
    let code: string;
    try {
      code = extractCode(reply.text);
    } catch (err) {
      if (err instanceof NoCodeInReplyError) return { outcome: 'no-code-in-reply', rounds, best: bestIndex() };
      throw err;
    }
    const best = rounds[bestIndex()];
    const current = record(toRound(round, code, await runCases(code, req.signal), reply.text));
    if (allPass(current.result)) return { outcome: 'fixed', rounds, best: round };
    messages.push(nextFixMessage(current.result, comparison(current, best)));
  }
  return { outcome: 'rounds-exhausted', rounds, best: bestIndex() };
}
