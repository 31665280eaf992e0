// The result grid for the keyboard (WAI-ARIA grid pattern): the grid is one Tab stop (Tab leaves
// it instead of walking every cell); arrows move the active cell, which AG Grid focuses, so a
// screen reader reads it with its row and column; the selection follows the active cell
// (Shift+arrows extend it), so Ctrl+C and the cell menu act on what the keyboard reached; a skip
// link can put the focus on the first cell; the grid has a name.
import { useCallback, useRef, type RefObject } from 'react';
import type { CellFocusedEvent, GridApi } from 'ag-grid-community';
import { registerGridFocus } from './grid-focus.ts';
import type { ArrowRow } from './row-source.ts';
import type { CellSelection } from './selection.ts';

interface Options {
  api: RefObject<GridApi<ArrowRow> | null>;
  selection: CellSelection;
  repaint(): void;
  colIndexOf(colId: string | undefined): number;
  /** A mouse drag is selecting: focus changes are the mouse's, not the keyboard's. */
  dragging: RefObject<boolean>;
  /** The grid's accessible name. */
  label: string;
}

export function useGridKeyboard({ api, selection, repaint, colIndexOf, dragging, label }: Options) {
  const element = useRef<HTMLDivElement | null>(null);
  const unregister = useRef<(() => void) | null>(null);
  // How the last focus change came: the mouse sets the selection itself (ResultGrid's handlers).
  const byPointer = useRef(false);
  const shift = useRef(false);

  const name = useCallback(() => element.current?.querySelector('[role="grid"], [role="treegrid"]')?.setAttribute('aria-label', label), [label]);

  const root = useCallback(
    (node: HTMLDivElement | null) => {
      unregister.current?.();
      unregister.current = null;
      element.current = node;
      if (!node) return;
      node.addEventListener('pointerdown', () => (byPointer.current = true), { capture: true });
      node.addEventListener('keydown', (event) => {
        byPointer.current = false;
        shift.current = event.shiftKey;
      }, { capture: true });
      unregister.current = registerGridFocus(node, () => {
        const grid = api.current;
        if (!grid) return;
        if (grid.getDisplayedRowCount() > 0) {
          grid.ensureIndexVisible(0, 'top');
          grid.setFocusedCell(0, 'c0');
        } else grid.setFocusedHeader('c0');
      });
    },
    [api],
  );

  return {
    root,
    onGridReady: () => name(),
    gridProps: {
      tabToNextCell: () => false as const,
      tabToNextHeader: () => false as const,
      onCellFocused: (event: CellFocusedEvent<ArrowRow>) => {
        name();
        if (byPointer.current || dragging.current || event.rowIndex === null || event.rowPinned) return;
        const colId = typeof event.column === 'string' ? event.column : event.column?.getColId();
        if (!colId) return;
        selection.start({ row: event.rowIndex, col: colIndexOf(colId) }, shift.current);
        repaint();
      },
    },
  };
}
