// Used only by `npm run mutation` (vitest.mutation.config.ts), after Stryker's own setup file.
//
// 1. Coverage of hooks. Stryker's vitest runner counts code that runs while no test is running as "static": code
// run by beforeAll/afterAll hooks, such as opening a query session (masked views, audit log)
// or writing a fixture. A static mutant is either run against every related test file (hours
// here) or, with `ignoreStatic`, left out of the score. But a file's hooks run whenever any of
// its tests runs, so what they execute is covered by every test of that file: this moves the
// hits made during a file's hooks from "static" to each of the file's tests. What runs at
// import time (module-level constants) stays static, and `ignoreStatic` leaves it out
// (docs/MUTATION.md lists how many).
//
// 2. umask. Stryker's runner runs tests in worker threads, where process.umask(mask) throws.
// The tests that set umask 000 to show files are private whatever the umask then run with the
// process's real umask instead (their mode assertions still hold; they only prove less there).
//
// 3. The sandbox. Stryker copies the project into a 0700 folder (mkdtemp); the tests that run
// a probe as an unprivileged user need to read the project, as they can in the checkout.
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { afterAll, beforeAll } from 'vitest';

if (path.basename(process.cwd()).startsWith('sandbox-') && path.basename(path.dirname(process.cwd())) === '.stryker-tmp') {
  chmodSync(process.cwd(), 0o755);
}

if (!isMainThread) {
  const readMask = process.umask.bind(process) as () => number;
  process.umask = ((_mask?: number | string) => readMask()) as typeof process.umask;
}

type Hits = Record<string, number>;

interface StrykerNamespace {
  mutantCoverage?: { static: Hits; perTest: Record<string, Hits> };
}

interface TaskLike {
  name: string;
  type: string;
  suite?: TaskLike;
  file?: { filepath: string };
  tasks?: TaskLike[];
}

const ns = (globalThis as { __stryker__?: StrykerNamespace }).__stryker__;
let staticBefore: Hits = {};

/** The test id exactly as Stryker's setup file builds it (file path, then suite names down to the test). */
function testId(test: TaskLike): string {
  const parts = [test.name];
  for (let suite = test.suite; suite; suite = suite.suite) parts.unshift(suite.name);
  return `${test.file?.filepath ?? 'unknown.js'}#${parts.join(' ').trim()}`;
}

function testsOf(task: TaskLike): TaskLike[] {
  return task.type === 'test' ? [task] : (task.tasks ?? []).flatMap(testsOf);
}

beforeAll(() => {
  staticBefore = { ...(ns?.mutantCoverage?.static ?? {}) };
});

// Vitest 4.1 reads a hook's first parameter as fixtures: it must be an object pattern.
// eslint-disable-next-line no-empty-pattern
afterAll(({}, suite) => {
  const coverage = ns?.mutantCoverage;
  if (coverage === undefined) return;
  const ids = testsOf(suite as unknown as TaskLike).map(testId);
  if (ids.length === 0) return;
  for (const [mutant, hits] of Object.entries(coverage.static)) {
    const duringHooks = hits - (staticBefore[mutant] ?? 0);
    if (duringHooks <= 0) continue;
    for (const id of ids) {
      const perTest = (coverage.perTest[id] ??= {});
      perTest[mutant] = (perTest[mutant] ?? 0) + duringHooks;
    }
    if (staticBefore[mutant] === undefined) delete coverage.static[mutant];
    else coverage.static[mutant] = staticBefore[mutant];
  }
});
