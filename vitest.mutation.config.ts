import { defineConfig } from 'vitest/config';
import { BaseSequencer } from 'vitest/node';
import type { TestSpecification } from 'vitest/node';
import base from './vitest.config.ts';

/**
 * Stryker runs each mutant against the tests that cover it, one file after another in one
 * worker, stopping at the first failure. Shortest files first, so a killed mutant is found
 * before the long files start (vitest's own order is longest first).
 */
class ShortestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return (await super.sort(files)).reverse();
  }
}

/**
 * The suite as Stryker runs it (`npm run mutation`, docs/MUTATION.md): the tests that exercise
 * the mutated modules (privacy, arrow, results, format, export) in this process and take
 * seconds, not minutes, per file. Left out, and why:
 * - Chromium end-to-end tests (tests/e2e, the browser session): the renderer and the web shell.
 * - The web server, Electron, the generator, the renderer and SQL lexer units: other modules.
 * - Tests whose `mirante` runs in a child process (tests/cli, audit-tamper, cli-export), where
 *   a mutant is never active.
 * - The slow end-to-end checks of exports and masking over the SF 0.01 registry, each 10–40 s a
 *   run (LibreOffice reading files back, every masked view scanned, the 100k-row stream, the
 *   re-identification bench): a surviving mutant would rerun them all, so a full run would take
 *   days on two cores. They stay in `npm test`; the focused tests here have to kill on their own.
 */
/**
 * `MUTATION_TESTS=tests/arrow,tests/format/text-formats.test.ts npx stryker run --mutate …`:
 * a module's own tests only (folders or files, comma-separated), for a quick run of one module
 * (docs/MUTATION.md).
 */
const only = process.env.MUTATION_TESTS?.split(',').map((entry) => entry.trim()).filter(Boolean);

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: only?.map((entry) => (entry.endsWith('.ts') ? entry : `${entry.replace(/\/$/, '')}/**/*.test.ts`)) ?? [
      'tests/privacy/**/*.test.ts',
      'tests/arrow/**/*.test.ts',
      'tests/format/**/*.test.ts',
      'tests/export/**/*.test.ts',
      'tests/workbench/**/*.test.ts',
      'tests/panels/obras.test.ts',
      'tests/panels/divida-ativa.test.ts',
    ],
    exclude: [
      'node_modules/**',
      'tests/e2e/**',
      'tests/server/browser-session.test.ts',
      'tests/export/cli-export.test.ts',
      'tests/privacy/audit-tamper.test.ts',
      'tests/export/formula-guard-libreoffice.test.ts',
      'tests/export/every-type.test.ts',
      'tests/export/workbench-export.test.ts',
      'tests/privacy/masked-by-default.test.ts',
      'tests/privacy/pseudonymise.test.ts',
      'tests/arrow/chunks.test.ts',
    ],
    setupFiles: ['tests/support/mutation.setup.ts'],
    // Mutants are switched on at run time (a global Stryker sets), so modules need not be
    // loaded again for each run: one worker keeps them, which saves seconds per test file.
    isolate: false,
    sequence: { ...base.test?.sequence, sequencer: ShortestFirst },
  },
});
