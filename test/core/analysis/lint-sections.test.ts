// Code smell and bug analysis of every language in its real image: a fixture with a known finding at a known line
// (by rule id) and a clean fixture with none.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzeCode } from '../../../src/core/analysis/analyze-code';
import type { AnalysisResult } from '../../../src/core/analysis/types';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import { needs } from '../../support/tiers';

interface Expected {
  lang: string;
  findings: string;
  clean: string;
  /** [line, rule id] that must be among the section's diagnostics. */
  smell: [number, string];
  bug: [number, string];
}

const CASES: Expected[] = [
  { lang: 'python', findings: 'python/findings.py', clean: 'python/clean.py', smell: [5, 'W0612'], bug: [7, 'B307'] },
  { lang: 'javascript', findings: 'javascript/findings.js.txt', clean: 'javascript/clean.js.txt', smell: [3, 'no-unused-vars'], bug: [4, 'no-undef'] },
  { lang: 'typescript', findings: 'typescript/findings.ts.txt', clean: 'typescript/clean.ts.txt', smell: [2, 'TS6133'], bug: [4, 'TS7027'] },
  { lang: 'c', findings: 'c/findings.c', clean: 'c/clean.c', smell: [6, 'unreadVariable'], bug: [8, 'arrayIndexOutOfBounds'] },
  { lang: 'cpp', findings: 'cpp/findings.cpp', clean: 'cpp/clean.cpp', smell: [7, 'unreadVariable'], bug: [7, 'arrayIndexOutOfBounds'] },
  { lang: 'java', findings: 'java/findings/Main.java', clean: 'java/clean/Main.java', smell: [7, 'rawtypes'], bug: [10, 'fallthrough'] },
  { lang: 'go', findings: 'go/findings.go', clean: 'go/clean.go', smell: [9, 'gofmt'], bug: [8, 'printf'] },
  { lang: 'rust', findings: 'rust/findings.rs', clean: 'rust/clean.rs', smell: [8, 'clippy::len_zero'], bug: [11, 'unconditional_panic'] },
  { lang: 'ruby', findings: 'ruby/findings.rb', clean: 'ruby/clean.rb', smell: [3, 'Style/NilComparison'], bug: [2, 'Lint/UselessAssignment'] },
  { lang: 'bash', findings: 'bash/findings.sh', clean: 'bash/clean.sh', smell: [5, 'SC2086'], bug: [3, 'SC2164'] },
  { lang: 'php', findings: 'php/findings.php', clean: 'php/clean.php', smell: [2, 'Squiz.Functions.MultiLineFunctionDeclaration.BraceOnSameLine'], bug: [4, 'parse-error'] },
  { lang: 'lua', findings: 'lua/findings.lua', clean: 'lua/clean.lua', smell: [2, 'W211'], bug: [4, 'W113'] },
  { lang: 'perl', findings: 'perl/findings.pl', clean: 'perl/clean.pl', smell: [3, 'Variables::ProhibitUnusedVariables'], bug: [5, 'Global symbol'] },
  { lang: 'csharp', findings: 'csharp/findings.cs', clean: 'csharp/clean.cs', smell: [6, 'CS0168'], bug: [7, 'CS1717'] },
];

const fixture = (path: string) => readFileSync(join(__dirname, 'fixtures', path), 'utf8');
/** The file name the user would have: fixtures of JS/TS carry a .txt suffix to stay out of the project's own checks. */
const userName = (path: string) => basename(path).replace(/\.txt$/, '');

describe('smell and bug analysis in the sandbox (real Docker)', { timeout: 1_800_000, ...needs('docker') }, () => {
  let engine: SandboxEngine;
  before(() => {
    engine = new SandboxEngine({ poolSize: 0 });
  });
  after(() => engine.close());

  const analyze = (lang: string, path: string): Promise<AnalysisResult> =>
    analyzeCode({ code: fixture(path), language: lang, fileName: userName(path), only: ['smell', 'bug'] }, engine);

  for (const t of CASES) {
    it(`${t.lang}: finds ${t.smell[1]} (smell) and ${t.bug[1]} (bug) at their lines; nothing in the clean file`, async () => {
      const found = await analyze(t.lang, t.findings);
      for (const [category, [line, code]] of [['smell', t.smell], ['bug', t.bug]] as const) {
        const section = found.sections[category];
        assert.ok(section, `${category} missing`);
        assert.equal(section.status, 'ok', `${category}: ${section.reason}`);
        const hit = section.diagnostics.find((d) => d.line === line && d.code === code);
        assert.ok(hit, `${category}: no ${code} at line ${line} in ${JSON.stringify(section.diagnostics.map((d) => [d.line, d.code]))}`);
        assert.equal(hit.file, userName(t.findings));
        assert.ok(hit.source && hit.message);
      }
      const clean = await analyze(t.lang, t.clean);
      for (const category of ['smell', 'bug'] as const) {
        const section = clean.sections[category];
        assert.equal(section?.status, 'ok', `${category}: ${section?.reason}`);
        assert.deepEqual(section.diagnostics.map((d) => `${d.line}:${d.code} ${d.message}`), [], `${category} of the clean file`);
      }
    });
  }
});
