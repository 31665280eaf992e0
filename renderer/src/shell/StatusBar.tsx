import type { Role } from '../../../main/core/api/index.ts';
import type { Run } from '../app/query-store.ts';
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import { formatDuration, formatIsoDate } from '../format/temporal.ts';
import type { Locale } from '../i18n/i18n.ts';
import { byCount, useLocale } from '../i18n/i18n.ts';

interface Props {
  snapshot: string;
  run: Run | null;
  duckdbVersion: string;
  role: Role;
  theme: 'light' | 'dark';
  /** The user's query time limit in seconds; undefined is the workbench's default. */
  timeoutSeconds: number | undefined;
  onCancel(): void;
  onLocale(locale: Locale): void;
  onTheme(theme: 'light' | 'dark'): void;
  onTimeout(seconds: number | undefined): void;
  /** The zone of this session's TIMESTAMPTZ values. */
  timeZone: string;
  /** The zone the user chose (undefined: the system's); it applies when the workbench next opens. */
  chosenTimeZone: string | undefined;
  onTimeZone(zone: string | undefined): void;
}

/** Brazil's zones and UTC; the session's own zone joins them when it is another. */
const TIME_ZONE_CHOICES = [
  'America/Sao_Paulo', 'America/Manaus', 'America/Cuiaba', 'America/Campo_Grande', 'America/Porto_Velho', 'America/Boa_Vista',
  'America/Rio_Branco', 'America/Noronha', 'America/Belem', 'America/Fortaleza', 'America/Recife', 'America/Bahia', 'UTC',
];

/** The choices of the time limit, in seconds; the first entry (undefined) is the default, 10 minutes. */
const TIMEOUT_CHOICES = [undefined, 60, 300, 1800, 3600, 7200] as const;

export function StatusBar(props: Props) {
  const { snapshot, run, duckdbVersion, role, theme, timeoutSeconds, onCancel, onLocale, onTheme, onTimeout, timeZone, chosenTimeZone, onTimeZone } = props;
  const { locale, t } = useLocale();
  const n = (value: number) => groupDigits(String(value), symbolsOf(locale).group);
  const running = run?.status === 'running';
  const last = run?.statements.at(-1);
  const rows = running ? null : (last?.rowCount ?? null);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className="status-item snapshot-date">{t('dataOf', { date: formatIsoDate(snapshot, locale) })}</span>
      <span className="status-sep" />
      <span className={`status-item role-chip role-${role}`} data-testid="role" title={t('roleTitle')}>
        {t(`role_${role}`)}
      </span>
      {running && (
        <span className="status-item running">
          <span className="spinner" aria-hidden />
          {run.rowsSoFar > 0 ? t('rowsSoFar', { n: n(run.rowsSoFar) }) : t('running')}
          <button className="cancel-button" data-testid="cancel-button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </span>
      )}
      {!running && run?.status === 'cancelled' && <span className="status-item warn">{t('cancelled')}</span>}
      {!running && run?.status === 'error' && <span className="status-item danger">{t('errorTitle')}</span>}
      <span className="status-item" data-testid="row-count">
        {rows !== null ? byCount(t, rows, 'oneRow', 'rows', { n: n(rows) }) : ''}
      </span>
      <span className="status-item" data-testid="elapsed">
        {run && !running ? formatDuration(run.elapsedMs, locale) : ''}
      </span>
      <span className="status-spacer" />
      {role === 'analista' && <span className="status-item muted">{t('keyboardHelp')}</span>}
      <span className="status-item muted">DuckDB {duckdbVersion}</span>
      <select
        className="status-select"
        data-testid="timeout-select"
        aria-label={t('timeLimit')}
        title={t('timeLimitTitle')}
        value={timeoutSeconds ?? ''}
        onChange={(e) => onTimeout(e.target.value === '' ? undefined : Number(e.target.value))}
      >
        {TIMEOUT_CHOICES.map((seconds) => (
          <option key={seconds ?? 'default'} value={seconds ?? ''}>
            {seconds === undefined ? t('timeLimitDefault') : t('timeLimitMinutes', { n: String(seconds / 60) })}
          </option>
        ))}
      </select>
      <select
        className="status-select"
        data-testid="time-zone-select"
        aria-label={t('timeZone')}
        title={t('timeZoneTitle', { zone: timeZone })}
        value={chosenTimeZone ?? ''}
        onChange={(e) => onTimeZone(e.target.value === '' ? undefined : e.target.value)}
      >
        <option value="">{`${t('timeZoneSystem')}${chosenTimeZone === undefined ? ` (${timeZone})` : ''}`}</option>
        {[...new Set([...TIME_ZONE_CHOICES, timeZone, ...(chosenTimeZone ? [chosenTimeZone] : [])])].map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </select>
      <select className="status-select" data-testid="theme-select" aria-label={t('theme')} value={theme} onChange={(e) => onTheme(e.target.value as 'light' | 'dark')}>
        <option value="light">{t('themeLight')}</option>
        <option value="dark">{t('themeDark')}</option>
      </select>
      <select className="status-select" data-testid="locale-select" aria-label={t('language')} value={locale} onChange={(e) => onLocale(e.target.value as Locale)}>
        <option value="pt-BR">Português (Brasil)</option>
        <option value="en">English</option>
      </select>
    </footer>
  );
}
