// A month's files imported from the Retratos screen: the folder (a full path on this machine)
// and the date; "Validar" reads and checks without writing anything, "Importar e publicar"
// publishes when nothing blocks. Past a blocking finding, publishing anyway takes a reason,
// which goes to the manifest and the audit log, as `mirante snapshot import --force --motivo`.
// Once a folder has been read, how each CSV file was read can be changed per table, as the
// command's --dialetos does.
import { useState } from 'react';
import type { ImportMonthOutcome } from '../../../main/core/api/index.ts';
import { apiErrorOf } from '../client/client-error.ts';
import { useClient } from '../client/client-context.ts';
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import { formatIsoDate } from '../format/temporal.ts';
import { byCount, useLocale } from '../i18n/i18n.ts';
import { DialectEditor } from './DialectEditor.tsx';
import { FindingsTable } from './FindingsTable.tsx';
import { choosableTables, mergeDetected, withChoice } from './dialect-choices.ts';
import type { Choices, Detected } from './dialect-choices.ts';

const MIN_REASON = 10;

/** The last day of the month after `date` (YYYY-MM-DD): the next monthly snapshot's date. */
export function nextMonthEnd(date: string | undefined): string {
  const [year, month] = (date ?? new Date().toISOString().slice(0, 10)).split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(year, month + 1, 0));
  return end.toISOString().slice(0, 10);
}

interface Props {
  newest: string | undefined;
  onPublished(date: string): void;
}

export function ImportMonth({ newest, onPublished }: Props) {
  const client = useClient();
  const { locale, t } = useLocale();
  const [from, setFrom] = useState('');
  const [date, setDate] = useState(() => nextMonthEnd(newest));
  const [motivo, setMotivo] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportMonthOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The folder the outcome, the detected dialects and the choices belong to.
  const [readFrom, setReadFrom] = useState('');
  const [detected, setDetected] = useState<Detected>({});
  const [choices, setChoices] = useState<Choices>({});
  const n = (value: number) => groupDigits(String(value), symbolsOf(locale).group);
  const folder = from.trim();
  const sameFolder = outcome !== null && readFrom === folder;
  const chosenTables = sameFolder ? Object.keys(choices) : [];
  const rowsIn = outcome?.tables.reduce((sum, table) => sum + table.rows, 0) ?? 0;

  const run = (publish: boolean, reason?: string) => {
    setBusy(true);
    setError(null);
    const sent = sameFolder ? choices : {};
    client
      .importMonth({ from: folder, date, publish, ...(reason ? { motivo: reason } : {}), ...(Object.keys(sent).length > 0 ? { dialects: sent } : {}) })
      .then(
        (result) => {
          setDetected((previous) => mergeDetected(readFrom === folder ? previous : {}, result, sent));
          if (readFrom !== folder) setChoices({});
          setReadFrom(folder);
          setOutcome(result);
          if (result.published) {
            setMotivo('');
            onPublished(result.date);
          }
        },
        (e: unknown) => setError(apiErrorOf(e).message),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className="snapshots-import" data-testid="import-month">
      <h2>{t('importTitle')}</h2>
      <form
        className="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          run(true);
        }}
      >
        <label className="wide">
          {t('importFolder')}
          <input data-testid="import-from" value={from} placeholder="/dados/recebidos/2026-11" onChange={(e) => setFrom(e.target.value)} required />
        </label>
        <label>
          {t('importDate')}
          <input data-testid="import-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
        <button type="button" className="secondary" data-testid="import-validate" disabled={busy || !from.trim()} onClick={() => run(false)}>
          {t('importValidate')}
        </button>
        <button type="submit" data-testid="import-publish" disabled={busy || !from.trim()}>
          {t('importPublish')}
        </button>
      </form>
      <p className="muted">
        {busy ? t('importBusy') : t('importHint')}
        {chosenTables.length > 0 && <strong> {t('importChoicesActive', { tables: chosenTables.join(', ') })}</strong>}
      </p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {outcome && !busy && (
        <div className="import-outcome" data-testid="import-outcome" role="status">
          <p>
            <strong>
              {outcome.published
                ? t('importPublished', { date: formatIsoDate(outcome.date, locale) })
                : outcome.notPublished === 'bloqueado'
                  ? t('importBlocked')
                  : t('importValidated')}
            </strong>{' '}
            {t('importSummary', {
              tables: byCount(t, outcome.tables.length, 'importOneTable', 'importTables', { n: outcome.tables.length }),
              rows: byCount(t, rowsIn, 'oneRow', 'rows', { n: n(rowsIn) }),
              blocking: outcome.blocking,
              warnings: outcome.warnings,
            })}
          </p>
          {outcome.findings.length > 0 && (
            <FindingsTable findings={outcome.findings} testId="import-findings" />
          )}
          {sameFolder && choosableTables(outcome).length > 0 && (
            <DialectEditor
              tables={choosableTables(outcome)}
              detected={detected}
              choices={choices}
              disabled={busy}
              onChoose={(table, field, value) => setChoices((current) => withChoice(current, table, field, value))}
            />
          )}
          {outcome.notPublished === 'bloqueado' && (
            <form
              className="audit-filters"
              onSubmit={(e) => {
                e.preventDefault();
                run(true, motivo.trim());
              }}
            >
              <label className="wide">
                {t('importReason')}
                <input data-testid="import-reason" value={motivo} onChange={(e) => setMotivo(e.target.value)} minLength={MIN_REASON} required />
              </label>
              <button type="submit" className="danger" data-testid="import-force" disabled={busy || motivo.trim().length < MIN_REASON}>
                {t('importForce')}
              </button>
            </form>
          )}
        </div>
      )}
    </section>
  );
}
