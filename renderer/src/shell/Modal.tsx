import { useEffect, useRef, type ReactNode } from 'react';
import { useLocale } from '../i18n/i18n.ts';
import { trapFocus } from './focus-trap.ts';

interface Props {
  title: string;
  testId: string;
  /** Absent while the dialog must stay (an export running): no ×, Escape does nothing. */
  onClose: (() => void) | undefined;
  children: ReactNode;
}

/**
 * A calm centred dialog over a dimmed app; Escape and the backdrop close it when allowed. For the
 * keyboard: the focus goes into it when it opens, Tab stays inside it, and the focus goes back
 * where it was when it closes.
 */
export function Modal({ title, testId, onClose, children }: Props) {
  const { t } = useLocale();
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!onClose) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  useEffect(() => (dialog.current ? trapFocus(dialog.current) : undefined), []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose?.()}>
      <div className="modal" role="dialog" aria-modal="true" aria-label={title} data-testid={testId} ref={dialog} tabIndex={-1}>
        <header className="modal-head">
          <h2>{title}</h2>
          {onClose && (
            <button className="icon-button" aria-label={t('close')} onClick={onClose}>
              ×
            </button>
          )}
        </header>
        <div className="modal-body">{children}</div>
      </div>
    </div>
  );
}
