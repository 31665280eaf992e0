import { useCallback, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';

/** A draggable horizontal split between the editor and the result, as a ratio of the container. */
export function useSplit(initial: number) {
  const [ratio, setRatio] = useState(initial);
  const container = useRef<HTMLElement>(null);
  const start = useCallback((event: ReactMouseEvent) => {
    event.preventDefault();
    const box = container.current?.getBoundingClientRect();
    if (!box) return;
    const move = (e: MouseEvent) => setRatio(Math.min(0.8, Math.max(0.15, (e.clientY - box.top) / box.height)));
    const stop = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', stop);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', stop);
  }, []);
  return { ratio, container, start };
}
