// The jest mode's compile phase: parses a test file as Babel will for Jest (TypeScript syntax in .ts files) and
// reports a syntax error as `node --check` does (`file:LINE`, the line, a caret, the error), so that the
// JavaScript diagnostics parser puts it on the right line. Exit 1 on a syntax error, 0 otherwise. Babel's parser
// alone (not @babel/core with its presets): the same grammar at a fraction of the start-up time.
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { parse } = require('@babel/parser');

const file = resolve(process.argv[2]);
const source = readFileSync(file, 'utf8');
try {
  parse(source, { sourceType: 'module', sourceFilename: file, plugins: /\.[cm]?tsx?$/.test(file) ? ['typescript'] : [] });
} catch (err) {
  const loc = err.loc ?? { line: 1, column: 0 };
  const line = source.split('\n')[loc.line - 1] ?? '';
  process.stderr.write(`${file}:${loc.line}\n${line}\n${' '.repeat(loc.column)}^\n\nSyntaxError: ${String(err.message).split('\n')[0]}\n`);
  process.exit(1);
}
