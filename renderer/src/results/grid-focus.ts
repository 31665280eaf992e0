// Focus into a result grid from outside it (a skip link): each grid says how it takes the focus
// (its first cell through AG Grid's API, so the grid knows which cell is active), found by its element.
const focusers = new WeakMap<Element, () => void>();

export function registerGridFocus(element: Element, focus: () => void): () => void {
  focusers.set(element, focus);
  return () => focusers.delete(element);
}

/** Focuses the first result grid inside `container`; false when there is none. */
export function focusGridIn(container: Element | null): boolean {
  const grid = container?.querySelector('[data-testid="result-grid"]');
  const focus = grid ? focusers.get(grid) : undefined;
  focus?.();
  return focus !== undefined;
}
