// The keyboard inside a modal dialog: the focus goes in when it opens (to a field that asked for
// it, else the first field or button of its body), Tab and Shift+Tab go round inside it, and the
// focus goes back to where it was once the dialog closes.
const TABBABLE = 'a[href], button:not(:disabled), input:not(:disabled):not([type="hidden"]), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter((element) => element.getClientRects().length > 0 && element.getAttribute('aria-hidden') !== 'true');
}

/** Starts the trap on `dialog`; returns the stop, which gives the focus back. */
export function trapFocus(dialog: HTMLElement): () => void {
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  if (!dialog.contains(document.activeElement)) {
    const body = dialog.querySelector<HTMLElement>('.modal-body');
    (tabbables(body ?? dialog)[0] ?? dialog).focus();
  }
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    const inside = tabbables(dialog);
    const first = inside[0];
    const last = inside.at(-1);
    if (!first || !last) return event.preventDefault();
    if (event.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !dialog.contains(document.activeElement))) {
      event.preventDefault();
      first.focus();
    }
  };
  document.addEventListener('keydown', onKey);
  return () => {
    document.removeEventListener('keydown', onKey);
    if (before?.isConnected) before.focus();
  };
}
