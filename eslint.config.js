import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const RENDERER_MAY_IMPORT =
  'The renderer talks to the core only through the contract (main/core/api/) and pure shared code (main/core/documents/, main/core/sql/).';
const SHELLS_APART = 'Shells never import each other: share through the contract (main/core/api/) or the core.';
const CORE_KNOWS_NO_SHELL = 'The core knows nothing of its shells (server, Electron, CLI) or the renderer.';
const REJECTS_TO_THROW =
  "vitest 4's rejects.toThrow(pattern) passes when a promise rejects with undefined: read the error with rejection() from tests/support/rejection.ts.";

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'sample-data/snapshots/', 'test-artifacts/', '.mirante/', '.tmp/', '.stryker-tmp*/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['bin/**/*.mjs', '.ci/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  // Import boundaries (docs/ARCHITECTURE.md, "Layers").
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)main/(?!core/(api/|documents/|sql/))', message: RENDERER_MAY_IMPORT }],
      }],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/electron/**', '**/cli/**', '**/renderer/**'], message: CORE_KNOWS_NO_SHELL }] }],
    },
  },
  {
    files: ['main/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/electron/**', '**/cli/**'], message: SHELLS_APART }] }] },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/cli/**'], message: SHELLS_APART }] }] },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.property.name='rejects'][property.name=/^toThrow/]", message: REJECTS_TO_THROW }],
    },
  },
);
