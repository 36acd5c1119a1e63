// One status bar item for the sandbox: the Docker engine's state (connected / not running / building images),
// the running job (click to stop it), and the last verdict. It shows only what is known: before the first
// run nothing has asked Docker, so it shows no Docker state.
import * as vscode from 'vscode';
import type { Verdict } from '../../core/sandbox/types';

export type DockerState = { kind: 'unknown' } | { kind: 'connected'; version: string } | { kind: 'not-running'; advice: string } | { kind: 'building'; what: string };

const VERDICT_ICON: Record<Verdict, string> = {
  Accepted: '$(pass)',
  WrongAnswer: '$(error)',
  CompileError: '$(error)',
  RuntimeError: '$(error)',
  TimeLimitExceeded: '$(watch)',
  MemoryLimitExceeded: '$(error)',
  OutputLimitExceeded: '$(error)',
  SandboxError: '$(warning)',
};

export const STOP_COMMAND = 'mplsandbox.stop';
export const CHECK_DOCKER_COMMAND = 'mplsandbox.checkDocker';
export const SHOW_OUTPUT_COMMAND = 'mplsandbox._showRunOutput';

export class SandboxStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mplsandbox.status', vscode.StatusBarAlignment.Left, 50);
  private docker: DockerState = { kind: 'unknown' };
  private job?: string;
  private verdict?: { status: Verdict; file: string; summary: string };

  constructor() {
    this.item.name = 'MPLSandbox';
    this.render();
  }

  setDocker(state: DockerState): void {
    this.docker = state;
    this.render();
  }

  get dockerState(): DockerState {
    return this.docker;
  }

  /** A job started (`label` e.g. "fizzbuzz.py"); undefined when it ended. */
  setJob(label: string | undefined): void {
    this.job = label;
    this.render();
  }

  setVerdict(status: Verdict, file: string, summary: string): void {
    this.verdict = { status, file, summary };
    this.render();
  }

  private render(): void {
    const item = this.item;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**MPLSandbox**\n\n`);
    tooltip.appendMarkdown(`Docker: ${describeDocker(this.docker)}\n\n`);
    if (this.verdict) tooltip.appendMarkdown(`Last run: ${this.verdict.file} — ${this.verdict.summary}\n\n`);
    item.backgroundColor = undefined;
    if (this.job) {
      item.text = `$(loading~spin) Sandbox: ${this.job}`;
      item.command = { command: STOP_COMMAND, title: 'Stop Sandbox Run' };
      tooltip.appendMarkdown(`Running ${this.job} — click to stop it.`);
    } else if (this.docker.kind === 'building') {
      item.text = `$(sync~spin) Sandbox: building ${this.docker.what}`;
      item.command = { command: SHOW_OUTPUT_COMMAND, title: 'Show Sandbox Output' };
    } else if (this.docker.kind === 'not-running') {
      item.text = '$(debug-disconnect) Sandbox: Docker not running';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      item.command = { command: CHECK_DOCKER_COMMAND, title: 'Check Docker' };
      tooltip.appendMarkdown('Click to check again.');
    } else {
      const icon = this.docker.kind === 'connected' ? '$(vm-running)' : '$(vm)';
      item.text = this.verdict ? `${icon} Sandbox ${VERDICT_ICON[this.verdict.status]} ${this.verdict.status}` : `${icon} Sandbox`;
      item.command = { command: SHOW_OUTPUT_COMMAND, title: 'Show Sandbox Output' };
    }
    item.tooltip = tooltip;
    item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

function describeDocker(s: DockerState): string {
  switch (s.kind) {
    case 'unknown':
      return 'not checked yet';
    case 'connected':
      return `connected (engine ${s.version})`;
    case 'not-running':
      return `not running — ${s.advice}`;
    case 'building':
      return `building ${s.what}`;
  }
}
