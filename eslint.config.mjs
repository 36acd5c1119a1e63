import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'media/**', 'node_modules/**', 'out/**', '.cache/**', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Scripts that run inside the sandbox images (Debian's Node 18, CommonJS, next to their node_modules).
    files: ['sandbox-images/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Errors are told apart by class or by their typed code (src/core/errors.ts: errorCode), cancellations by
    // isAbortError (src/core/abort.ts) — never by comparing `name` with a string, which some errors forget to set.
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    ignores: ['src/core/abort.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression:has(> MemberExpression[property.name='name']):has(> Literal[value=/Error$/])",
          message: 'Tell errors apart by class or errorCode(err) (src/core/errors.ts), cancellations by isAbortError (src/core/abort.ts).',
        },
      ],
    },
  },
  {
    // The core must stay usable from plain Node (CLI, tests, HTTP service): no VS Code API in it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core must not depend on the VS Code API; put glue in src/extension.' }] }],
    },
  },
);
