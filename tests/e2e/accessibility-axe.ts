// axe-core in the page under test: evaluated once per page, run over the document (or a part
// of it), and its critical and serious violations put in words a failing test can show (rule,
// impact, the element as a CSS selector and what is wrong with it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './app-harness.ts';

const AXE_SOURCE = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/axe-core/axe.min.js'), 'utf8');

/** The part of axe's result read here. */
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** eMAG follows WCAG 2.x AA: those rules and axe's best practices (axe leaves out its experimental ones). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const BLOCKING = new Set(['critical', 'serious']);
const NODES_SHOWN = 6;

export interface AxeScope {
  /** A CSS selector: only that part of the page (a dialog over a page already checked). */
  within?: string;
  /** Only the contrast rules: what a change of theme can break. */
  contrastOnly?: boolean;
}

/** Critical and serious violations on the page as it is now, one line per element; empty when none. */
export async function blockingViolations(page: Page, scope: AxeScope = {}): Promise<string[]> {
  // Evaluated, not added as a <script>: the app's CSP (script-src 'self') refuses inline scripts.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const only = scope.contrastOnly ? { type: 'rule', values: ['color-contrast'] } : { type: 'tag', values: TAGS };
  const context = scope.within ? JSON.stringify({ include: [[scope.within]] }) : 'document';
  const violations = (await page.evaluate(`window.axe.run(${context}, { runOnly: ${JSON.stringify(only)}, resultTypes: ['violations'] }).then((r) => r.violations)`)) as AxeViolation[];
  return violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .flatMap((violation) => {
      const lines = violation.nodes.slice(0, NODES_SHOWN).map((node) => {
        const why = (node.failureSummary ?? '').split('\n').slice(1).map((line) => line.trim()).filter(Boolean).join('; ');
        return `${violation.id} [${violation.impact}] ${JSON.stringify(node.target)}: ${why.slice(0, 240)}`;
      });
      const more = violation.nodes.length - NODES_SHOWN;
      return more > 0 ? [...lines, `${violation.id}: …and ${more} more (${violation.help})`] : lines;
    });
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.getByTestId('theme-select').selectOption(theme);
  await page.waitForFunction(`document.documentElement.dataset.theme === '${theme}'`);
  // The theme's colours are painted on the next frame (Monaco's theme too).
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
}

export interface Check {
  /** A dialog or a menu: only that part of the page is checked. */
  within?: string;
  /** Runs before the verdict, so the next screen starts from a page with nothing left open. */
  leave?: () => Promise<void>;
}

/**
 * axe in the light theme, then the dark one (contrast, the only thing a theme changes); a
 * screenshot of each at 1366×768 and one at 1024×640 (the smallest supported window);
 * the page is left light, at 1366×768. `page` is read when a check runs (set in a beforeAll).
 */
export function accessibilityChecker(page: () => Page) {
  return async (screen: string, { within, leave }: Check = {}): Promise<void> => {
    const found: string[] = [];
    const p = page();
    try {
      found.push(...(await blockingViolations(p, { ...(within ? { within } : {}) })).map((line) => `light: ${line}`));
      await screenshot(p, `a11y-${screen}-light`);
      await p.setViewportSize({ width: 1024, height: 640 });
      await p.waitForTimeout(150);
      await screenshot(p, `a11y-${screen}-1024x640`);
      await p.setViewportSize({ width: 1366, height: 768 });
      await setTheme(p, 'dark');
      found.push(...(await blockingViolations(p, { contrastOnly: true, ...(within ? { within } : {}) })).map((line) => `dark: ${line}`));
      await screenshot(p, `a11y-${screen}-dark`);
    } finally {
      await setTheme(p, 'light');
      await leave?.();
    }
    expect(found, `axe found critical or serious violations on ${screen}:\n${found.join('\n')}`).toEqual([]);
  };
}
