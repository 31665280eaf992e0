// The menu of a grid cell, opened by a right click or, on the focused cell, by the keyboard's
// menu key or Shift+F10: arrows move, Enter acts, Escape closes and gives the focus back.
import { useEffect, useRef } from 'react';

export interface CellMenuItem {
  id: string;
  label: string;
  /** Why it cannot be used here (shown as its title); absent when it can. */
  unavailable?: string;
  act(): void;
}

interface Props {
  x: number;
  y: number;
  items: CellMenuItem[];
  onClose(): void;
}

export function CellMenu({ x, y, items, onClose }: Props) {
  const root = useRef<HTMLUListElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  const buttons = () => [...(root.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
  // Once, when it opens: a later render must not take the focus back to the first item.
  useEffect(() => {
    root.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const away = (event: MouseEvent) => !root.current?.contains(event.target as Node) && close.current();
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, []);
  // Kept inside the window, however near its edge the cell is.
  const left = Math.max(4, Math.min(x, window.innerWidth - 260));
  const top = Math.max(4, Math.min(y, window.innerHeight - 40 * items.length - 12));
  return (
    <ul
      ref={root}
      className="menu cell-menu"
      role="menu"
      data-testid="cell-menu"
      style={{ position: 'fixed', left, top, right: 'auto' }}
      onKeyDown={(event) => {
        const enabled = buttons();
        const at = enabled.indexOf(document.activeElement as HTMLButtonElement);
        if (event.key === 'Escape' || event.key === 'Tab') {
          event.preventDefault();
          onClose();
        } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          const step = event.key === 'ArrowDown' ? 1 : -1;
          enabled[(at + step + enabled.length) % enabled.length]?.focus();
        }
        event.stopPropagation();
      }}
    >
      {items.map((item) => (
        <li key={item.id} role="none">
          <button
            role="menuitem"
            data-testid={`cell-menu-${item.id}`}
            disabled={item.unavailable !== undefined}
            title={item.unavailable}
            onClick={() => {
              onClose();
              item.act();
            }}
          >
            {item.label}
          </button>
        </li>
      ))}
    </ul>
  );
}
