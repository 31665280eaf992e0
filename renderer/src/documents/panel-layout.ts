// The panel screen's layout rules live in the core (shared with the panel benchmark).
export { panelLayout, type PanelLayout } from '../../../main/core/documents/panel-layout.ts';

export function previousSnapshotOf(dates: string[], current: string): string | null {
  return [...dates].sort().filter((date) => date < current).at(-1) ?? null;
}
