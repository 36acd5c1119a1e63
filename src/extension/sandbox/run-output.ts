// The "MPLSandbox" output channel: program output streams in live, each run between a header line (file,
// language, limits) and a verdict line (verdict, time, memory), so that several runs read clearly one after
// another. Error locations are printed as absolute `path:line:column`, which VS Code's Output view links to
// the file.
import * as vscode from 'vscode';
import { stackFrames } from '../../core/diagnostics/stack-frames';
import type { Diagnostic } from '../../core/diagnostics/types';
import type { CaseResult, RunResult, SandboxLimits } from '../../core/sandbox/types';
import { formatBytes, formatSeconds } from '../../core/sandbox/verdict-messages';

/** Name of the channel that shows runs (the extension's own log is a separate channel). */
export const RUN_CHANNEL_NAME = 'MPLSandbox';

export interface RunHeader {
  fileName: string;
  language: string;
  limits: SandboxLimits;
  /** What runs besides the plain program: "3 test cases", "stdin from input.txt", "selection (lines 3–7)". */
  detail?: string;
}

export class RunOutput implements vscode.Disposable {
  readonly channel: vscode.OutputChannel = vscode.window.createOutputChannel(RUN_CHANNEL_NAME);
  private endsWithNewline = true;
  private runs = 0;

  show(): void {
    this.channel.show(true);
  }

  header(h: RunHeader): void {
    if (this.runs++ > 0) this.line('');
    const l = h.limits.run;
    const limits = `time ${formatSeconds(l.timeoutMs)}, memory ${formatBytes(l.memoryBytes)}, ${l.cpus} CPU, output ${formatBytes(l.outputBytes)}`;
    this.line(`▶ [${new Date().toLocaleTimeString()}] ${h.fileName} · ${h.language}${h.detail ? ` · ${h.detail}` : ''} · limits: ${limits}`);
  }

  /** Live output of the program. */
  write(text: string): void {
    if (!text) return;
    this.channel.append(text);
    this.endsWithNewline = text.endsWith('\n');
  }

  line(text: string): void {
    if (!this.endsWithNewline) this.channel.append('\n');
    this.channel.appendLine(text);
    this.endsWithNewline = true;
  }

  /**
   * The verdict block: cases, error locations, the runtime's stack frames in the user's file (`sourceFile` is the
   * program's name inside the sandbox), then the verdict with time and memory.
   */
  result(r: RunResult, fileName: string, lineOffset: number, sourceFile?: string): void {
    if (r.compile && r.status === 'CompileError') {
      const text = (r.compile.stderr || r.compile.stdout).trimEnd();
      if (text) for (const l of text.split('\n')) this.line(l);
    }
    r.cases.forEach((c, i) => this.caseLine(c, i));
    for (const d of r.diagnostics.filter((x) => x.file === fileName)) this.line(`  ${location(d, fileName, lineOffset)}: ${d.severity}: ${d.message}${d.code ? ` [${d.source} ${d.code}]` : ` [${d.source}]`}`);
    if (sourceFile && r.run && r.status !== 'Accepted' && r.status !== 'WrongAnswer' && r.status !== 'CompileError') {
      const frames = stackFrames(r.run.stderr, sourceFile);
      if (frames.length > 0) {
        this.line('  stack (as the runtime lists it):');
        for (const f of frames) this.line(`    at ${fileName}:${f.line + lineOffset}${f.column ? `:${f.column}` : ''}`);
      }
    }
    this.line(verdictLine(r));
  }

  cancelled(elapsedMs: number): void {
    this.line(`■ Cancelled after ${formatSeconds(elapsedMs)}: the sandbox container was removed.`);
  }

  failed(message: string): void {
    this.line(`■ Not run: ${message}`);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private caseLine(c: CaseResult, i: number): void {
    const time = formatSeconds(c.run.durationMs);
    if (c.passed) {
      this.line(`  case ${i + 1}: passed (${time})`);
      return;
    }
    this.line(`  case ${i + 1}: ${c.status} (${time})`);
    this.line(`    input:    ${quote(c.input)}`);
    if (c.expected !== undefined) this.line(`    expected: ${quote(c.expected)}`);
    this.line(`    actual:   ${quote(c.actual)}`);
    if (c.run.stderr.trim()) this.line(`    stderr:   ${quote(c.run.stderr)}`);
  }
}

function location(d: Diagnostic, fileName: string, lineOffset: number): string {
  return `${fileName}:${d.line + lineOffset}:${d.column}`;
}

function quote(text: string): string {
  const max = 200;
  const json = JSON.stringify(text);
  return json.length > max ? `${json.slice(0, max)}…" (${text.length} characters)` : json;
}

/** `■ Accepted · 0.04 s · peak memory 7.9 MiB` (and the engine's one-line summary when it says more). */
export function verdictLine(r: RunResult): string {
  const parts = [`■ ${r.status}`];
  if (r.cases.length) parts.push(`${r.cases.filter((c) => c.passed).length}/${r.cases.length} cases passed`);
  const runMs = r.cases.length ? r.cases.reduce((t, c) => t + c.run.durationMs, 0) : r.run?.durationMs;
  if (runMs !== undefined) parts.push(`time ${formatSeconds(runMs)}`);
  if (r.compile) parts.push(`compile ${formatSeconds(r.compile.durationMs)}`);
  const peak = r.cases.length ? Math.max(0, ...r.cases.map((c) => c.run.peakMemoryBytes ?? 0)) : (r.run?.peakMemoryBytes ?? 0);
  if (peak > 0) parts.push(`memory ${formatBytes(peak)}`);
  if (r.run?.truncated) parts.push('output truncated');
  let line = parts.join(' · ');
  if (r.message && r.status !== 'Accepted') line += ` — ${r.message}`;
  return line;
}
