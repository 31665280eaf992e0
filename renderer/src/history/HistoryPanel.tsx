import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../../main/core/api/index.ts';
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import { formatDuration, formatIsoDate } from '../format/temporal.ts';
import { byCount, useLocale } from '../i18n/i18n.ts';
import { useClient } from '../client/client-context.ts';

interface Props {
  /** Changes after every run, so the list refreshes. */
  version: number;
  onOpen(entry: HistoryEntry): void;
}

export function formatStartedAt(iso: string, locale: string): string {
  const date = new Date(iso);
  return date.toLocaleString(locale, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function HistoryPanel({ version, onOpen }: Props) {
  const client = useClient();
  const { locale, t } = useLocale();
  const [search, setSearch] = useState('');
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      client
        .listHistory({ search: search.trim() || undefined, limit: 200 })
        .then((list) => {
          if (!live) return;
          setEntries(list);
          setFailed(null);
        })
        .catch((error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, search, version]);

  const statusText = { ok: t('statusOk'), error: t('statusError'), cancelled: t('statusCancelled') };
  return (
    <div className="history" data-testid="history">
      <div className="rail-controls">
        <input className="search" data-testid="history-search" type="search" placeholder={t('searchHistory')} value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="history-list">
        {failed && <div className="muted pad">{failed}</div>}
        {entries?.length === 0 && <div className="muted pad">{t('noHistory')}</div>}
        {entries?.map((entry) => (
          <button key={entry.id} className={`history-entry status-${entry.status}`} data-testid="history-entry" onClick={() => onOpen(entry)} title={entry.error ?? entry.sql}>
            <div className="history-sql">{entry.sql.replace(/\s+/g, ' ').trim()}</div>
            <div className="history-meta">
              <span className={`dot status-${entry.status}`} title={statusText[entry.status]} />
              {entry.status !== 'ok' && <span className={`status-text status-${entry.status}`}>{statusText[entry.status]}</span>}
              <span>{formatStartedAt(entry.startedAt, locale)}</span>
              <span>{formatDuration(entry.durationMs, locale === 'en' ? 'en' : 'pt-BR')}</span>
              {entry.rowCount !== null && <span>{byCount(t, entry.rowCount, 'oneRow', 'rows', { n: groupDigits(String(entry.rowCount), symbolsOf(locale).group) })}</span>}
              <span className="snapshot-chip">{formatIsoDate(entry.snapshot, locale)}</span>
            </div>
          </button>
        ))}
      </div>
    </div>
  );
}
