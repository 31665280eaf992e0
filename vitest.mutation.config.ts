import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The suite as Stryker runs it (`npm run mutation`, docs/MUTATION.md): the tests that exercise
 * the mutated modules (privacy, arrow, results, format, export) in this process. Left out: the
 * Chromium end-to-end tests (the renderer and the web shell, and most of the suite's time), the
 * web server, Electron, the generator, the renderer and SQL lexer units, and the command-line
 * tests, whose `mirante` runs in a child process where a mutant is never active.
 * Stryker's vitest runner sets the pool and one worker itself; `concurrency` in
 * stryker.config.json sets how many runners work side by side.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'tests/privacy/**/*.test.ts',
      'tests/arrow/**/*.test.ts',
      'tests/format/**/*.test.ts',
      'tests/export/**/*.test.ts',
      'tests/workbench/**/*.test.ts',
      'tests/panels/**/*.test.ts',
      'tests/bench/**/*.test.ts',
      'tests/engine/**/*.test.ts',
      'tests/registry/**/*.test.ts',
      'tests/documents/**/*.test.ts',
      'tests/queries/**/*.test.ts',
    ],
    exclude: ['tests/e2e/**', 'tests/server/browser-session.test.ts', 'tests/export/cli-export.test.ts', 'node_modules/**'],
    setupFiles: ['tests/support/mutation.setup.ts'],
  },
});
