import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/sample-registry.global.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: DuckDB already uses both; running many files at once only thrashes.
    maxWorkers: 2,
    // expect.poll waits for something to happen (a row count shown, a file written): it ends as
    // soon as it holds, and the default second is too short on a loaded two-core machine.
    expect: { poll: { timeout: 15_000 } },
  },
});
