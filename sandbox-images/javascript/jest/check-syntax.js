// The jest mode's compile phase: parses a test file as Babel will compile it for Jest (TypeScript syntax
// allowed) and reports a syntax error as `node --check` does (`file:LINE`, the line, a caret, the error), so
// that the JavaScript diagnostics parser puts it on the right line. Exit 1 on a syntax error, 0 otherwise.
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const babel = require('@babel/core');

const file = resolve(process.argv[2]);
const source = readFileSync(file, 'utf8');
try {
  babel.parseSync(source, {
    filename: file,
    babelrc: false,
    configFile: false,
    presets: [require.resolve('@babel/preset-typescript')],
  });
} catch (err) {
  const loc = err.loc ?? { line: 1, column: 0 };
  const line = source.split('\n')[loc.line - 1] ?? '';
  const message = String(err.message).replace(`${file}: `, '').split('\n')[0];
  process.stderr.write(`${file}:${loc.line}\n${line}\n${' '.repeat(loc.column)}^\n\nSyntaxError: ${message}\n`);
  process.exit(1);
}
