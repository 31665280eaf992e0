// The export dialog: format, file name and the declared purpose (LGPD; required for personal
// data: the field says so, and if the core still asks for one the form comes back with its
// reason), then progress with Cancelar, then what was written.
import { useEffect, useRef, useState } from 'react';
import type { ExportFormat } from '../../../main/core/api/index.ts';
import { useClient } from '../client/client-context.ts';
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import { byCount, useLocale } from '../i18n/i18n.ts';
import { Modal } from '../shell/Modal.tsx';
import { startExport, type ExportHandle, type ExportState, type ExportTarget } from './export-run.ts';
import { formatLabel } from './formats.ts';

/** The core's own minimum (privacy/session-privacy.ts). */
const MIN_PURPOSE_LENGTH = 10;

interface Props {
  /** Read when the export starts, so the sort is the one on screen then. */
  target: () => ExportTarget;
  formats: readonly ExportFormat[];
  initialFormat: ExportFormat;
  defaultFileName: string;
  title: string;
  onClose(): void;
}

export function ExportDialog({ target, formats, initialFormat, defaultFileName, title, onClose }: Props) {
  const client = useClient();
  const { locale, t } = useLocale();
  const [format, setFormat] = useState<ExportFormat>(initialFormat);
  const [fileName, setFileName] = useState(defaultFileName);
  const [purpose, setPurpose] = useState('');
  const [state, setState] = useState<ExportState | null>(null);
  // Known for a result (its columns' classes); a panel's sheets are known to the core only.
  const [personal, setPersonal] = useState(() => {
    const initial = target();
    return initial.kind === 'result' && initial.personal;
  });
  const [purposeError, setPurposeError] = useState<string | null>(null);
  const handle = useRef<ExportHandle | null>(null);
  const live = useRef(true);
  const n = (value: number) => groupDigits(String(value), symbolsOf(locale).group);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const submit = async () => {
    setPurposeError(null);
    const started = await startExport(client, target(), { format, fileName, purpose }, (next) => {
      if (!live.current) return;
      // Refused before anything started for want of a purpose: back to the form, saying why.
      if (next.phase === 'error' && next.error.code === 'parameter' && /finalidade/i.test(next.error.message)) {
        setPersonal(true);
        setPurposeError(next.error.message);
        setState(null);
        return;
      }
      setState(next);
    });
    handle.current = started;
  };

  const running = state?.phase === 'running';
  return (
    <Modal title={title} testId="export-dialog" onClose={running ? undefined : onClose}>
      {state === null && (
        <form
          className="modal-form"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          {formats.length > 1 && (
            <label className="modal-field">
              <span>{t('exportFormat')}</span>
              <select data-testid="export-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
                {formats.map((f) => (
                  <option key={f} value={f}>
                    {formatLabel(f, t)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {(format === 'csv-br' || format === 'csv') && formats.includes('xlsx') && (
            // tests/export/csv-br-in-a-brazilian-spreadsheet.test.ts holds the evidence.
            <p className="modal-note warn-note" role="note" data-testid="export-csv-note">
              {t('exportCsvNote')}{' '}
              <button type="button" className="link-button" data-testid="export-use-xlsx" onClick={() => setFormat('xlsx')}>
                {t('exportUseXlsx')}
              </button>
            </p>
          )}
          <label className="modal-field">
            <span>{t('exportFileName')}</span>
            <input data-testid="export-file-name" value={fileName} onChange={(e) => setFileName(e.target.value)} />
          </label>
          <label className="modal-field">
            <span>{personal ? t('purposeLabelRequired') : t('purposeLabelOptional')}</span>
            <textarea
              data-testid="export-purpose"
              rows={2}
              value={purpose}
              placeholder={t('purposePlaceholder')}
              required={personal}
              minLength={personal ? MIN_PURPOSE_LENGTH : undefined}
              aria-invalid={purposeError !== null}
              aria-describedby={purposeError ? 'export-purpose-error' : undefined}
              onChange={(e) => setPurpose(e.target.value)}
            />
          </label>
          {purposeError && (
            <p id="export-purpose-error" className="danger-text" role="alert" data-testid="export-purpose-error">
              {purposeError}
            </p>
          )}
          <p className="modal-note">{personal ? t('exportPurposeRequiredNote', { n: String(MIN_PURPOSE_LENGTH) }) : t('exportPurposeNote')}</p>
          <div className="modal-actions">
            <button type="button" onClick={onClose}>
              {t('cancel')}
            </button>
            <button type="submit" className="primary" data-testid="export-start">
              {t('export')}
            </button>
          </div>
        </form>
      )}
      {state?.phase === 'running' && (
        <div className="export-progress" data-testid="export-progress">
          <div className="progress-track">
            <div className={state.totalRows > 0 ? 'progress-fill' : 'progress-fill indeterminate'} style={state.totalRows > 0 ? { width: `${Math.min(100, (100 * state.rowsWritten) / state.totalRows)}%` } : undefined} />
          </div>
          <p>{state.totalRows > 0 ? t('exportRowsOf', { n: n(state.rowsWritten), total: n(state.totalRows) }) : t('exportRows', { n: n(state.rowsWritten) })}</p>
          <div className="modal-actions">
            <button className="danger" data-testid="export-cancel" onClick={() => handle.current?.cancel()}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {state?.phase === 'done' && (
        <div className="export-done" data-testid="export-done" role="status">
          <p className="export-summary">{byCount(t, state.status.rowsWritten, 'exportDoneOne', 'exportDone', { n: n(state.status.rowsWritten), file: state.status.fileName })}</p>
          {state.status.sheets.length > 1 && (
            <ul className="export-sheets">
              {state.status.sheets.map((sheet) => (
                <li key={sheet.name}>{byCount(t, sheet.rows, 'exportSheetOne', 'exportSheet', { name: sheet.name, n: n(sheet.rows) })}</li>
              ))}
            </ul>
          )}
          {state.status.notices.map((notice) => (
            <p key={notice} className="export-notice">
              {notice}
            </p>
          ))}
          <p className="muted">{state.savedTo ? t('exportSavedTo', { path: state.savedTo }) : t('exportDownloaded')}</p>
          <div className="modal-actions">
            <button className="primary" data-testid="export-close" onClick={onClose}>
              {t('close')}
            </button>
          </div>
        </div>
      )}
      {(state?.phase === 'error' || state?.phase === 'cancelled') && (
        <div className="export-failed" role="alert">
          <p className={state.phase === 'error' ? 'danger-text' : 'muted'}>{state.phase === 'error' ? t('exportFailed', { message: state.error.message }) : t('exportCancelled')}</p>
          <div className="modal-actions">
            <button onClick={() => setState(null)}>{t('exportAgain')}</button>
            <button className="primary" onClick={onClose}>
              {t('close')}
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
