// Mocha entry point that VS Code's extension host runs (`extensionTestsPath`), both under code-server
// (test/vscode/run.mjs) and under desktop VS Code (scripts/test-electron.mjs). It is bundled to
// dist/test/extension/index.js next to one bundle per test/extension/**/*.test.ts, which it discovers.
//   MPLSANDBOX_TEST_GREP=<regexp>   only the tests whose full title matches
import * as fs from 'node:fs';
import { findSourceMap } from 'node:module';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/**
 * Every line of the mocha report starts with this, pre-formatted: the extension host forwards console
 * output to the window log with printf arguments unapplied, and the runners pick the report out by it.
 */
export const REPORT_PREFIX = '[mocha] ';

function reportLine(...args: unknown[]): void {
  const text = args.length === 0 ? '' : format(...(args as [unknown, ...unknown[]]));
  for (const line of text.split('\n')) console.log(REPORT_PREFIX + mapStackLine(line));
}

/**
 * Rewrites `dist/test/extension/x.test.js:29:12` in a stack line to `test/extension/x.test.ts:7:5`.
 * (The extension host installs its own Error.prepareStackTrace, which bypasses Node's source-map
 * support, so the mapping is done here, on the report, with the maps Node loaded.)
 */
function mapStackLine(line: string): string {
  return line.replace(/([^\s()]*dist\/test\/extension\/[^\s()]+\.js):(\d+):(\d+)/g, (all, file: string, l: string, c: string) => {
    try {
      const entry = findSourceMap(path.resolve(file))?.findEntry(Number(l) - 1, Number(c) - 1);
      if (!entry || !('originalSource' in entry)) return all;
      const source = entry.originalSource.startsWith('file://') ? new URL(entry.originalSource).pathname : path.resolve(path.dirname(path.resolve(file)), entry.originalSource);
      return `${path.relative(process.cwd(), source)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    } catch {
      return all;
    }
  });
}

function findTests(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(p, out);
    else if (entry.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

export async function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = reportLine;
  // Source maps of the test bundles are read as they load (see mapStackLine).
  process.setSourceMapsEnabled(true);
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: false,
    timeout: 30_000,
    slow: 2_000,
  });
  const grep = process.env.MPLSANDBOX_TEST_GREP;
  if (grep) mocha.grep(new RegExp(grep));
  const files = findTests(__dirname);
  if (files.length === 0) throw new Error(`no *.test.js files next to ${__filename}`);
  for (const f of files) mocha.addFile(f);
  reportLine(`running ${files.length} test file(s) in the extension host of VS Code ${vscode.version}`);
  const failures = await new Promise<number>((resolve, reject) => {
    try {
      mocha.run((n) => resolve(n));
    } catch (e) {
      reject(e);
    }
  });
  reportLine(`done: ${failures} failure(s)`);
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
