// "Run in Sandbox (Interactive)": a terminal (Pseudoterminal) attached to the program's stdin and stdout in
// the container, so programs that ask for input work. The container has no terminal of its own, so this
// terminal edits the line locally (echo, backspace) and sends it on Enter, as a cooked tty would; Ctrl+C
// kills the program, Ctrl+D ends its input.
import type { ProjectRequest } from '../../core/projects/types';
import * as vscode from 'vscode';
import type { LanguageSpec } from '../../core/languages/types';
import type { InteractiveProcess } from '../../core/sandbox/sandbox-container';
import type { ProcessResult } from '../../core/sandbox/types';
import { formatSeconds } from '../../core/sandbox/verdict-messages';
import type { Command } from '../ctx';
import { classifyError, type Failure, UNTRUSTED_MESSAGE } from './failures';
import { checkJob, readyEngine } from './prepare-job';
import { resolveRunTarget, type RunTarget } from './run-target';
import type { SandboxServices } from './services';
import { loadCore } from './load-core';

const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** What the command returns: the terminal, and when the program ended (undefined when it never started). */
export interface InteractiveRun {
  kind: 'started';
  terminal: vscode.Terminal;
  ended: Promise<ProcessResult | undefined>;
}

/** Why no terminal opened (untrusted workspace, no editor, unknown or disabled language). */
export interface InteractiveNotStarted {
  kind: 'failed';
  failure: Failure;
}

export function interactiveCommand(s: SandboxServices): Command {
  const start = async (arg?: unknown): Promise<InteractiveRun | InteractiveNotStarted> => {
    const failed = (failure: Failure, retry?: () => unknown): InteractiveNotStarted => {
      s.fail(failure, retry);
      return { kind: 'failed', failure };
    };
    if (!vscode.workspace.isTrusted) return failed({ kind: 'untrusted', message: UNTRUSTED_MESSAGE });
    const target = await resolveRunTarget(arg);
    if (!target) return failed({ kind: 'nothing-to-run', message: 'open a file (or select code) to run it in the sandbox.' });
    const checked = await checkJob(s, target);
    if (!checked.ok) return failed(checked.failure, () => start(arg));
    const pty = new SandboxPty(s, target, checked.language, () => start(arg), checked.project);
    const terminal = vscode.window.createTerminal({ name: `Sandbox: ${target.label}`, pty, iconPath: new vscode.ThemeIcon('vm') });
    terminal.show();
    return { kind: 'started', terminal, ended: pty.ended };
  };
  return { id: 'mplsandbox.runInteractive', factory: () => (arg?: unknown) => start(arg) };
}

class SandboxPty implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private readonly abort = new AbortController();
  private process?: InteractiveProcess;
  private line = '';
  private lastWasCr = false;
  private readonly pending: string[] = [];
  private inputEnded = false;
  private finished = false;
  private resolveEnded!: (r: ProcessResult | undefined) => void;
  readonly ended = new Promise<ProcessResult | undefined>((r) => (this.resolveEnded = r));
  private readonly stopHandle = { stop: () => this.kill() };

  constructor(
    private readonly s: SandboxServices,
    private readonly target: RunTarget,
    private readonly language: LanguageSpec,
    private readonly retry: () => unknown,
    private readonly project?: ProjectRequest,
  ) {}

  open(): void {
    void this.start();
  }

  close(): void {
    this.abort.abort();
    this.s.interactive.delete(this.stopHandle);
    this.finish(undefined);
  }

  handleInput(data: string): void {
    if (this.finished) {
      this.closeEmitter.fire();
      return;
    }
    for (const ch of data) {
      const afterCr = this.lastWasCr;
      this.lastWasCr = ch === '\r';
      if (ch === '\n' && afterCr) continue; // \r\n is one Enter
      if (ch === '\r' || ch === '\n') {
        this.write('\r\n');
        this.send(this.line + '\n');
        this.line = '';
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line) {
          this.line = this.line.slice(0, -1);
          this.write('\b \b');
        }
      } else if (ch === '\x03') {
        this.write('^C\r\n');
        this.kill();
      } else if (ch === '\x04') {
        if (this.line) this.send(this.line);
        this.line = '';
        this.inputEnded = true;
        this.process?.end();
      } else if (ch >= ' ' || ch === '\t') {
        this.line += ch;
        this.write(ch);
      }
    }
  }

  /** Input typed before the program started is kept and sent when it starts. */
  private send(text: string): void {
    if (this.process) this.process.write(text);
    else this.pending.push(text);
  }

  private kill(): void {
    if (this.process) this.process.kill();
    else this.abort.abort();
  }

  private write(text: string): void {
    this.writeEmitter.fire(text.replace(/\r?\n/g, '\r\n'));
  }

  private async start(): Promise<void> {
    const timeoutMinutes = this.s.config.interactiveTimeoutMinutes;
    this.write(`${DIM}▶ ${this.target.fileName} · ${this.language.displayName} · interactive · time limit ${timeoutMinutes} min · Ctrl+C stops, Ctrl+D ends input${RESET}\n`);
    this.s.interactive.add(this.stopHandle);
    try {
      if (!this.s.engines.imagesReady.has(this.language.id)) this.write(`${DIM}checking the ${this.language.displayName} image…${RESET}\n`);
      const ready = await readyEngine(this.s, this.language, { signal: this.abort.signal, onStep: (line) => this.write(`${DIM}${line}${RESET}\n`) });
      if (!ready.ok) {
        this.end(`■ not run: ${ready.failure.message}`, undefined);
        this.s.fail(ready.failure, this.retry);
        return;
      }
      const { startInteractiveRun } = loadCore();
      // The user's other limits come from the engine (its user layer); only the time limit is the terminal's own.
      const session = await startInteractiveRun(ready.engine, {
        code: this.target.code,
        language: this.language.id,
        fileName: this.target.fileName,
        project: this.project,
        limits: { run: { timeoutMs: timeoutMinutes * 60_000 } },
        signal: this.abort.signal,
        onOutput: (stream, text) => this.write(stream === 'stderr' ? `${RED}${text}${RESET}` : text),
      });
      this.s.diagnostics.set(this.s.diagnostics.run, this.target.uri, this.target.fileName, session.diagnostics, this.target.lineOffset);
      if (this.project) this.s.diagnostics.setOthers(this.s.diagnostics.run, this.target.uri, this.target.fileName, session.diagnostics);
      if (!session.process) {
        const compilerOutput = (session.compile?.stderr || session.compile?.stdout || '').trimEnd();
        if (compilerOutput) this.write(`${RED}${compilerOutput}${RESET}\n`);
        this.end(`■ ${session.failure ?? 'the program did not start'}`, undefined);
        return;
      }
      this.process = session.process;
      for (const text of this.pending.splice(0)) session.process.write(text);
      if (this.inputEnded) session.process.end();
      const result = await session.process.result;
      const how = result.timedOut ? `stopped at the time limit (${timeoutMinutes} min)` : result.signal ? `killed by ${result.signal}` : `exited with code ${result.exitCode}`;
      this.end(`■ ${how} · ${formatSeconds(result.durationMs)}`, result);
    } catch (err) {
      if (this.abort.signal.aborted) {
        this.end('■ stopped', undefined);
        return;
      }
      const failure = classifyError(err, this.language.id);
      this.end(`■ not run: ${failure.message}`, undefined);
      this.s.fail(failure, this.retry);
    }
  }

  private end(message: string, result: ProcessResult | undefined): void {
    this.write(`\n${DIM}${message}. Press any key to close this terminal.${RESET}\n`);
    this.finish(result);
  }

  private finish(result: ProcessResult | undefined): void {
    if (this.finished) return;
    this.finished = true;
    this.s.interactive.delete(this.stopHandle);
    this.resolveEnded(result);
  }
}
