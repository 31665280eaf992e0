import { useState, type DragEvent } from 'react';
import type { SnapshotInfo, TableInfo } from '../../../main/core/api/index.ts';
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import { formatIsoDate } from '../format/temporal.ts';
import { useIsAnalyst } from '../app/role.ts';
import { useLocale } from '../i18n/i18n.ts';
import { ProfileCard } from '../profile/ProfileCard.tsx';
import { PrivacyBadge } from './PrivacyBadge.tsx';

interface Props {
  snapshots: SnapshotInfo[];
  snapshot: string;
  onSnapshot(date: string): void;
  tables: TableInfo[] | null;
  onInsert(text: string): void;
  onPreview(table: string): void;
  /** Analysts: the Retratos screen (every snapshot, its validation, comparisons). */
  onOpenSnapshots?(): void;
}

function dragName(name: string) {
  return (event: DragEvent) => {
    event.dataTransfer.setData('text/plain', name);
    event.dataTransfer.effectAllowed = 'copy';
  };
}

export function CatalogPanel({ snapshots, snapshot, onSnapshot, tables, onInsert, onPreview, onOpenSnapshots }: Props) {
  const { locale, t } = useLocale();
  // Role `consulta` reads the dictionary but does not explore the tables (no preview, no profile).
  const explore = useIsAnalyst();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [profiled, setProfiled] = useState<{ table: string; column: string } | null>(null);
  const n = (value: number) => groupDigits(String(value), symbolsOf(locale).group);
  const needle = filter.trim().toLowerCase();
  const shown = (tables ?? []).filter((table) => !needle || table.name.includes(needle) || table.columns.some((c) => c.name.includes(needle)));

  const toggle = (name: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  return (
    <div className="catalog" data-testid="catalog">
      <div className="rail-controls">
        <label className="field">
          <span>{t('snapshot')}</span>
          <select data-testid="snapshot-select" value={snapshot} onChange={(e) => onSnapshot(e.target.value)}>
            {snapshots.map((s) => (
              <option key={s.date} value={s.date}>
                {formatIsoDate(s.date, locale)}
              </option>
            ))}
          </select>
        </label>
        {onOpenSnapshots && (
          <button className="link-button snapshots-link" data-testid="open-snapshots" onClick={onOpenSnapshots} title={t('snapshotsOpenHint')}>
            {t('snapshotsOpen')}
          </button>
        )}
        <input className="search" type="search" placeholder={t('filterTables')} value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <div className="tree">
        {tables === null && <div className="muted pad">{t('loading')}</div>}
        {shown.map((table) => {
          const expanded = open.has(table.name) || (needle !== '' && !table.name.includes(needle));
          return (
            <div key={table.name} className="tree-table" data-testid={`catalog-table-${table.name}`}>
              <div className="tree-row table-row" title={table.description}>
                <button className="twisty" aria-expanded={expanded} onClick={() => toggle(table.name)}>
                  {expanded ? '▾' : '▸'}
                </button>
                <span className="table-icon" aria-hidden>
                  ▦
                </span>
                <button className="name" draggable onDragStart={dragName(table.name)} onClick={() => onInsert(table.name)} onDoubleClick={() => toggle(table.name)}>
                  {table.name}
                </button>
                <span className="count">{n(table.rowCount)}</span>
                {explore && (
                  <button className="row-action" title={t('preview')} onClick={() => onPreview(table.name)}>
                    {t('preview')}
                  </button>
                )}
              </div>
              {expanded && (
                <ul className="columns">
                  {table.columns.map((column) => (
                    <li key={column.name} className="tree-row column-row" title={column.description ? `${column.name} — ${column.description}` : column.name}>
                      <div className="column-main">
                        <button className="name" draggable onDragStart={dragName(column.name)} onClick={() => onInsert(column.name)}>
                          {column.name}
                        </button>
                        <span className="type">{column.type.toLowerCase()}</span>
                        <PrivacyBadge privacy={column.privacy} />
                        {explore && (
                          <button className="row-action" title={t('profile')} onClick={() => setProfiled({ table: table.name, column: column.name })}>
                            {t('profile')}
                          </button>
                        )}
                      </div>
                      {column.description && <div className="description">{column.description}</div>}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
      {profiled && (
        <div className="profile-drawer">
          <div className="drawer-head">
            <span>{t('profileOf', { column: `${profiled.table}.${profiled.column}` })}</span>
            <button className="icon-button" aria-label={t('close')} onClick={() => setProfiled(null)}>
              ×
            </button>
          </div>
          <ProfileCard source={{ kind: 'table', snapshot, table: profiled.table, column: profiled.column }} />
        </div>
      )}
    </div>
  );
}
