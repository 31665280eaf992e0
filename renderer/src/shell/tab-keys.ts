// The keyboard of a tab list (WAI-ARIA tabs pattern): one Tab stop, the selected tab; Left and
// Right (Up and Down in a vertical list), Home and End move to another tab and select it
// (automatic activation: every view here shows at once).
import type { KeyboardEvent } from 'react';

/** The roving tabindex: the selected tab is the list's one Tab stop, or the first when none is. */
export function tabIndexOf(selected: boolean, index: number, anySelected: boolean): 0 | -1 {
  return selected || (!anySelected && index === 0) ? 0 : -1;
}

const STEP: Record<string, 'next' | 'previous' | 'first' | 'last'> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
};

/** On the element with role="tablist": moves the focus to the tab the key names and clicks it. */
export function onTabListKeyDown(event: KeyboardEvent<HTMLElement>): void {
  const step = STEP[event.key];
  if (!step || event.altKey || event.ctrlKey || event.metaKey) return;
  const tabs = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]:not(:disabled)')];
  const at = tabs.indexOf(event.target as HTMLElement);
  if (at < 0 || tabs.length === 0) return;
  event.preventDefault();
  const index = step === 'first' ? 0 : step === 'last' ? tabs.length - 1 : (at + (step === 'next' ? 1 : -1) + tabs.length) % tabs.length;
  const target = tabs[index]!;
  target.focus();
  target.click();
}
