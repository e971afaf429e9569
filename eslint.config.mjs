import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'coverage/', 'bench/results.json', 'bench/.build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // No Scan in what runs (#7): every read is a Get or a Query on a key. PartiQL is refused too (a
    // SELECT without a key scans). This catches static imports only; the IAM policies, which grant
    // neither Scan nor PartiQL (test/infra), are the guard. Tests may scan their own tables.
    files: ['shared/**', 'functions/**', 'infra/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        ...['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'].map((name) => ({ name, importNames: ['ScanCommand', 'paginateScan', 'ExecuteStatementCommand', 'BatchExecuteStatementCommand', 'ExecuteTransactionCommand'], message: 'No Scan or PartiQL outside tests: read by key or Query an index.' })),
      ],
    },
  },
  {
    // The local twin and scripts talk to a person on the terminal.
    files: ['infra/local/**', 'infra/tools/**', 'bench/**', 'jest.config.js'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', Buffer: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
