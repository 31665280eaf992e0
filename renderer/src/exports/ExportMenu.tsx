// "Exportar": a small menu of formats (or one button for a panel), each opening the dialog.
import { useEffect, useRef, useState } from 'react';
import type { ExportFormat } from '../../../main/core/api/index.ts';
import { useLocale } from '../i18n/i18n.ts';
import { ExportDialog } from './ExportDialog.tsx';
import type { ExportTarget } from './export-run.ts';
import { formatLabel, RESULT_FORMATS } from './formats.ts';

interface Props {
  target: () => ExportTarget;
  defaultFileName: string;
  /** Default every result format; one format makes it a plain button. */
  formats?: readonly ExportFormat[];
  label?: string;
  disabled?: boolean;
  className?: string;
}

export function ExportMenu({ target, defaultFileName, formats = RESULT_FORMATS, label, disabled, className }: Props) {
  const { t } = useLocale();
  const [menu, setMenu] = useState(false);
  const [chosen, setChosen] = useState<ExportFormat | null>(null);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    const away = (event: MouseEvent) => !root.current?.contains(event.target as Node) && setMenu(false);
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [menu]);
  const single = formats.length === 1 ? formats[0]! : null;
  return (
    <div className="export-menu" ref={root}>
      <button className={className} data-testid="export-button" disabled={disabled} aria-haspopup={single ? 'dialog' : 'menu'} aria-expanded={menu} onClick={() => (single ? setChosen(single) : setMenu((v) => !v))}>
        {label ?? t('export')}
        {!single && <span aria-hidden> ▾</span>}
      </button>
      {menu && (
        <ul className="menu" role="menu">
          {formats.map((format) => (
            <li key={format}>
              <button
                role="menuitem"
                data-testid={`export-format-${format}`}
                onClick={() => {
                  setMenu(false);
                  setChosen(format);
                }}
              >
                {formatLabel(format, t)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <ExportDialog target={target} formats={formats} initialFormat={chosen} defaultFileName={defaultFileName} title={label ?? t('exportTitle')} onClose={() => setChosen(null)} />
      )}
    </div>
  );
}
