// The filters on a result, one chip each (removable), and a way to clear them all; the rows
// they keep are counted by the server.
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import type { Translate } from '../i18n/i18n.ts';
import { byCount, useLocale } from '../i18n/i18n.ts';
import type { ShownFilter } from './result-filters.ts';

const KEYS = { equals: 'filterEquals', notEquals: 'filterNotEquals', isNull: 'filterIsNull', notNull: 'filterNotNull' } as const;

function labelOf({ filter, column, shown }: ShownFilter, t: Translate): string {
  return t(KEYS[filter.op], { column, value: shown });
}

interface Props {
  filters: readonly ShownFilter[];
  rowCount: number | null;
  onRemove(index: number): void;
  onClear(): void;
}

export function FilterChips({ filters, rowCount, onRemove, onClear }: Props) {
  const { locale, t } = useLocale();
  return (
    <div className="filter-chips" data-testid="result-filters" role="group" aria-label={t('filtersLabel')}>
      <span className="muted">{t('filtersLabel')}:</span>
      {filters.map((shown, index) => (
        <span className="filter-chip" key={index}>
          {labelOf(shown, t)}
          <button aria-label={t('filterRemove', { filter: labelOf(shown, t) })} title={t('filterRemove', { filter: labelOf(shown, t) })} onClick={() => onRemove(index)}>
            ×
          </button>
        </span>
      ))}
      <button className="link-button" data-testid="result-filters-clear" onClick={onClear}>
        {t('filtersClear')}
      </button>
      {rowCount !== null && <span className="muted" data-testid="result-filters-count">{byCount(t, rowCount, 'filtersOneRow', 'filtersRows', { n: groupDigits(String(rowCount), symbolsOf(locale).group) })}</span>}
      <span className="muted filter-note">{t('filtersExportNote')}</span>
    </div>
  );
}
