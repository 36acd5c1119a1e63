// The "Run in Sandbox" experience: commands, Test Explorer cases, status bar, diagnostics and the run output
// channel, over the sandbox engine of src/core (loaded on first use, not at activation).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { analyzeCommand } from './analyze';
import { buildImagesCommand } from './build-images';
import { fixCommands } from './fix';
import { interactiveCommand } from './interactive-terminal';
import { runCommands } from './run-commands';
import { SandboxServices } from './services';
import { SandboxTestController } from './test-controller';
import { walkthroughCommands } from './walkthrough';

export interface SandboxApi {
  services: SandboxServices;
  tests: SandboxTestController;
}

export function registerSandbox(ctx: Ctx): SandboxApi {
  const services = ctx.pushCleanup(new SandboxServices(ctx));
  const fix = fixCommands(services, ctx.extCtx.secrets);
  ctx.pushCleanup(fix.provider);
  const commands = [
    ...runCommands(services),
    interactiveCommand(services),
    buildImagesCommand(services),
    analyzeCommand(services),
    ...fix.commands,
    ...walkthroughCommands(ctx.extensionUri),
  ];
  for (const command of commands) ctx.registerCommand(command);
  const tests = ctx.pushCleanup(new SandboxTestController(services));
  // Trust granted while the window is open: runs work from then on; say so where the user looks.
  ctx.pushCleanup(vscode.workspace.onDidGrantWorkspaceTrust(() => ctx.log.info('workspace trusted: sandbox runs are enabled')));
  return { services, tests };
}
