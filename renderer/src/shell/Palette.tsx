import { useEffect, useMemo, useState } from 'react';
import type { HistoryEntry, TableInfo } from '../../../main/core/api/index.ts';
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useClient } from '../client/client-context.ts';

interface Props {
  tables: TableInfo[];
  onClose(): void;
  onTable(name: string): void;
  onHistory(entry: HistoryEntry): void;
}

type Item = { kind: 'table'; table: TableInfo } | { kind: 'history'; entry: HistoryEntry };

/** Ctrl+K: jump to a table (inserts its name) or a past query (opens it in a new tab). */
export function Palette({ tables, onClose, onTable, onHistory }: Props) {
  const client = useClient();
  const { locale, t } = useLocale();
  const [query, setQuery] = useState('');
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [cursor, setCursor] = useState(0);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      client.listHistory({ search: query.trim() || undefined, limit: 8 }).then((list) => live && setHistory(list), () => undefined);
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, query]);

  const items = useMemo<Item[]>(() => {
    const needle = query.trim().toLowerCase();
    const matching = tables.filter((table) => !needle || table.name.includes(needle) || (table.description ?? '').toLowerCase().includes(needle)).slice(0, 8);
    return [...matching.map((table) => ({ kind: 'table' as const, table })), ...history.map((entry) => ({ kind: 'history' as const, entry }))];
  }, [tables, history, query]);

  useEffect(() => setCursor(0), [query]);

  const choose = (item: Item | undefined) => {
    if (!item) return;
    if (item.kind === 'table') onTable(item.table.name);
    else onHistory(item.entry);
    onClose();
  };

  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={t('paletteTitle')} data-testid="palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          autoFocus
          className="palette-input"
          placeholder={t('palettePlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
            if (e.key === 'ArrowDown') setCursor((c) => Math.min(c + 1, items.length - 1));
            if (e.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0));
            if (e.key === 'Enter') choose(items[cursor]);
          }}
        />
        <ul className="palette-list">
          {items.length === 0 && <li className="muted pad">{t('paletteEmpty')}</li>}
          {items.map((item, i) => (
            <li key={item.kind === 'table' ? `t:${item.table.name}` : `h:${item.entry.id}`}>
              {(i === 0 || items[i - 1]?.kind !== item.kind) && <div className="palette-group">{item.kind === 'table' ? t('paletteTables') : t('paletteHistory')}</div>}
              <button className={i === cursor ? 'palette-item active' : 'palette-item'} onMouseEnter={() => setCursor(i)} onClick={() => choose(item)}>
                {item.kind === 'table' ? (
                  <>
                    <span className="table-icon" aria-hidden>▦</span>
                    <span className="palette-main">{item.table.name}</span>
                    <span className="muted">{groupDigits(String(item.table.rowCount), symbolsOf(locale).group)}</span>
                  </>
                ) : (
                  <>
                    <span className="table-icon" aria-hidden>↺</span>
                    <span className="palette-main mono">{item.entry.sql.replace(/\s+/g, ' ').slice(0, 120)}</span>
                  </>
                )}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
