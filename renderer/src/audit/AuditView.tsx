// The audit log for the data protection officer: who ran, exported or unmasked what, on which
// snapshot and with which declared purpose. Newest first, filtered on the server.
import { useCallback, useEffect, useState } from 'react';
import type { AuditAction, AuditEntry, AuditQuery } from '../../../main/core/api/index.ts';
import { apiErrorOf } from '../client/client-error.ts';
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import { formatIsoDate } from '../format/temporal.ts';
import { useLocale, type Translate } from '../i18n/i18n.ts';
import { useClient } from '../client/client-context.ts';

const ACTIONS: readonly AuditAction[] = ['query', 'run_panel', 'param_options', 'profile', 'export', 'unmask', 'open_snapshot', 'publish_snapshot', 'save_document'];
const LIMIT = 500;

interface Filters {
  user: string;
  action: AuditAction | '';
  from: string;
  to: string;
}

/** Date inputs give local days; the log filters on ISO instants, both ends inclusive. */
function queryOf(filters: Filters): AuditQuery {
  const query: AuditQuery = { limit: LIMIT };
  if (filters.user.trim()) query.user = filters.user.trim();
  if (filters.action) query.action = filters.action;
  if (filters.from) query.from = new Date(`${filters.from}T00:00:00`).toISOString();
  if (filters.to) query.to = new Date(`${filters.to}T23:59:59.999`).toISOString();
  return query;
}

function actionLabel(action: AuditAction, t: Translate): string {
  return t(`audit_${action}`);
}

function timeOf(iso: string, locale: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = locale === 'pt-BR' ? `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}` : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function shortSql(sql: string | undefined): string {
  const flat = (sql ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 89)}…` : flat;
}

export function AuditView() {
  const client = useClient();
  const { locale, t } = useLocale();
  const [filters, setFilters] = useState<Filters>({ user: '', action: '', from: '', to: '' });
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const n = (value: number) => groupDigits(String(value), symbolsOf(locale).group);

  const load = useCallback(
    (current: Filters) => {
      setError(null);
      client.listAudit(queryOf(current)).then(setEntries, (e: unknown) => {
        setEntries([]);
        setError(apiErrorOf(e).message);
      });
    },
    [client],
  );
  useEffect(() => load({ user: '', action: '', from: '', to: '' }), [load]);
  const set = (change: Partial<Filters>) => setFilters((previous) => ({ ...previous, ...change }));

  return (
    <div className="audit-view" data-testid="audit-view">
      <header className="audit-head">
        <div>
          <h1>{t('auditTitle')}</h1>
          <p className="muted">{t('auditIntro')}</p>
        </div>
      </header>
      <form
        className="audit-filters"
        onSubmit={(event) => {
          event.preventDefault();
          load(filters);
        }}
      >
        <label>
          <span>{t('auditUser')}</span>
          <input data-testid="audit-user" value={filters.user} onChange={(e) => set({ user: e.target.value })} />
        </label>
        <label>
          <span>{t('auditAction')}</span>
          <select data-testid="audit-action" value={filters.action} onChange={(e) => set({ action: e.target.value as AuditAction | '' })}>
            <option value="">{t('allValues')}</option>
            {ACTIONS.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action, t)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('paramFrom')}</span>
          <input type="date" data-testid="audit-from" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          <span>{t('paramTo')}</span>
          <input type="date" data-testid="audit-to" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <button type="submit" className="primary" data-testid="audit-refresh">
          {t('auditRefresh')}
        </button>
      </form>
      {error && (
        <div className="error-panel" role="alert">
          {error}
        </div>
      )}
      {/* A scrolling region: focusable, so the keyboard can scroll it (its rows have no control). */}
      <div className="audit-table-wrap" tabIndex={0} role="region" aria-label={t('auditTitle')}>
        {entries === null ? (
          <div className="muted pad">{t('loading')}</div>
        ) : entries.length === 0 ? (
          <div className="muted pad">{t('auditEmpty')}</div>
        ) : (
          <table className="audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th>{t('auditTime')}</th>
                <th>{t('auditUser')}</th>
                <th>{t('auditRole')}</th>
                <th>{t('auditAction')}</th>
                <th>{t('auditStatus')}</th>
                <th>{t('snapshot')}</th>
                <th className="num">{t('auditRows')}</th>
                <th>{t('auditPurpose')}</th>
                <th>SQL</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq} data-testid="audit-row" data-action={entry.action} className={entry.status === 'error' ? 'audit-error' : undefined}>
                  <td className="nowrap">{timeOf(entry.time, locale)}</td>
                  <td>{entry.user}</td>
                  <td>{t(`role_${entry.role}`)}</td>
                  <td>
                    <span className={`audit-action audit-${entry.action}`}>{actionLabel(entry.action, t)}</span>
                  </td>
                  <td className="nowrap">{entry.status ? t(`auditStatus_${entry.status}`) : ''}</td>
                  <td className="nowrap">{entry.snapshot ? formatIsoDate(entry.snapshot, locale) : ''}</td>
                  <td className="num">{entry.rows === undefined || entry.rows === null ? '' : n(entry.rows)}</td>
                  <td className="audit-purpose">{entry.purpose ?? ''}</td>
                  <td className="audit-sql" title={entry.sql ?? entry.document ?? ''}>
                    {entry.sqlSha256 && <code className="hash">{entry.sqlSha256.slice(0, 10)}</code>}
                    <span>{entry.sql ? shortSql(entry.sql) : (entry.document ?? entry.path ?? '')}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
