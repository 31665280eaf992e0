// The KPI form: for each number of a one-row result (and each KPI the front matter already
// names), which change is good news and how the number is written, into `kpis:` with the
// core's edit. Only the rows changed are written, so the rest of the file keeps its bytes.
import { useState } from 'react';
import { setFrontMatterKpi } from '../../../main/core/documents/edit.ts';
import { KPI_FORMATS, type KpiDirection, type KpiFormat } from '../../../main/core/documents/types.ts';
import { apiErrorOf } from '../client/client-error.ts';
import { useLocale, type MessageKey } from '../i18n/i18n.ts';
import { Modal } from '../shell/Modal.tsx';
import type { DocumentHandle } from './use-document.ts';

interface Row {
  direction: KpiDirection | '';
  format: KpiFormat | '';
}

interface Props {
  handle: DocumentHandle;
  /** Columns of the KPI results run in this notebook. */
  columns: string[];
  onClose(): void;
}

export function KpisDialog({ handle, columns, onClose }: Props) {
  const { t } = useLocale();
  const front = handle.doc?.frontMatter;
  const saved = (column: string): Row => ({ direction: front?.kpis[column] ?? '', format: front?.kpiFormats[column] ?? '' });
  const known = [...new Set([...columns, ...Object.keys(front?.kpis ?? {}), ...Object.keys(front?.kpiFormats ?? {})])];
  const [rows, setRows] = useState<Record<string, Row>>(() => Object.fromEntries(known.map((column) => [column, saved(column)])));
  const [error, setError] = useState<string | null>(null);
  const set = (column: string, change: Partial<Row>) => setRows((all) => ({ ...all, [column]: { ...(all[column] ?? saved(column)), ...change } }));

  const apply = () => {
    try {
      handle.edit((doc) => {
        let next = doc;
        for (const [column, row] of Object.entries(rows)) {
          const before = saved(column);
          if (row.direction === before.direction && row.format === before.format) continue;
          next = setFrontMatterKpi(next, column, { ...(row.direction ? { direction: row.direction } : {}), ...(row.format ? { format: row.format } : {}) });
        }
        return next;
      });
      onClose();
    } catch (e: unknown) {
      setError(apiErrorOf(e).message);
    }
  };

  return (
    <Modal title={t('kpisTitle')} testId="kpis-dialog" onClose={onClose}>
      <p className="modal-hint">{t('kpisHint')}</p>
      {known.length === 0 ? (
        <p className="modal-note" data-testid="kpis-none">
          {t('kpisNone')}
        </p>
      ) : (
        <table className="kpis-table">
          <thead>
            <tr>
              <th scope="col">{t('kpiColumn')}</th>
              <th scope="col">{t('kpiDirection')}</th>
              <th scope="col">{t('kpiFormat')}</th>
            </tr>
          </thead>
          <tbody>
            {known.map((column) => {
              const row = rows[column] ?? saved(column);
              return (
                <tr key={column}>
                  <th scope="row">
                    <code>{column}</code>
                  </th>
                  <td>
                    <select aria-label={`${t('kpiDirection')}: ${column}`} data-testid={`kpi-direction-${column}`} value={row.direction} onChange={(e) => set(column, { direction: e.target.value as Row['direction'] })}>
                      <option value="">{t('kpiNeutral')}</option>
                      <option value="maior">{t('kpiUpGood')}</option>
                      <option value="menor">{t('kpiDownGood')}</option>
                    </select>
                  </td>
                  <td>
                    <select aria-label={`${t('kpiFormat')}: ${column}`} data-testid={`kpi-format-${column}`} value={row.format} onChange={(e) => set(column, { format: e.target.value as Row['format'] })}>
                      <option value="">{t('kpiFormatAuto')}</option>
                      {KPI_FORMATS.map((format) => (
                        <option key={format} value={format}>
                          {t(`kpiFormat_${format}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {error && (
        <p className="modal-note danger-text" role="alert" data-testid="kpis-error">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
        <button type="button" className="primary" data-testid="kpis-apply" disabled={known.length === 0} onClick={apply}>
          {t('kpisApply')}
        </button>
      </div>
    </Modal>
  );
}
