import { useEffect, useState } from 'react';
import type { ColumnProfile, ProfileSource } from '../../../main/core/api/index.ts';
import { apiErrorOf } from '../client/client-error.ts';
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useClient } from '../client/client-context.ts';

interface Props {
  source: ProfileSource;
}

/** SUMMARIZE of one column: nulls, distinct, min/max and a small histogram. */
export function ProfileCard({ source }: Props) {
  const client = useClient();
  const { locale, t } = useLocale();
  const [profile, setProfile] = useState<ColumnProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(source);

  useEffect(() => {
    let live = true;
    setProfile(null);
    setError(null);
    client
      .profileColumn(JSON.parse(key) as ProfileSource)
      .then((p) => live && setProfile(p))
      .catch((e: unknown) => live && setError(apiErrorOf(e).message));
    return () => {
      live = false;
    };
  }, [client, key]);

  if (error) return <div className="profile-card profile-error">{error}</div>;
  if (!profile) return <div className="profile-card muted">{t('profileLoading')}</div>;

  // DuckDB renders dates as ISO text; the analyst reads them dd/mm/aaaa.
  const text = (value: string | null) => (value === null ? 'NULL' : locale === 'pt-BR' ? value.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1') : value);
  const n = (value: number) => groupDigits(String(value), symbolsOf(locale).group);
  const percent = (value: number) => (profile.rowCount ? ` (${((value / profile.rowCount) * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%)` : '');
  const peak = Math.max(1, ...profile.histogram.map((bin) => bin.count));
  return (
    <div className="profile-card" data-testid="profile-card">
      <div className="profile-title">
        <strong>{profile.name}</strong> <span className="type-chip">{profile.type.toLowerCase()}</span>
      </div>
      <dl className="profile-stats">
        <dt>{t('profileRows')}</dt>
        <dd>{n(profile.rowCount)}</dd>
        <dt>{t('profileNulls')}</dt>
        <dd>{n(profile.nullCount) + percent(profile.nullCount)}</dd>
        <dt>{t('profileDistinct')}</dt>
        <dd>{n(profile.distinctCount)}</dd>
        <dt>{t('profileMin')}</dt>
        <dd className="mono">{text(profile.min)}</dd>
        <dt>{t('profileMax')}</dt>
        <dd className="mono">{text(profile.max)}</dd>
      </dl>
      {profile.histogram.length > 0 && (
        <div className="histogram">
          <div className="histogram-title">{t('profileHistogram')}</div>
          {profile.histogram.map((bin, i) => (
            <div className="histogram-row" key={i} title={`${text(bin.label)}: ${n(bin.count)}`}>
              <span className="histogram-label">{text(bin.label)}</span>
              <span className="histogram-bar">
                <span style={{ width: `${(bin.count / peak) * 100}%` }} />
              </span>
              <span className="histogram-count">{n(bin.count)}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
