// The small builder of a chart cell: target cell, mark and the x / y / colour columns.
// Each change rewrites the cell's YAML body; keys it does not know of stay as they were.
import type { ResultColumn } from '../../../main/core/api/index.ts';
import { CHART_MARKS, normalizeMark, type ChartMark } from '../charts/plot-chart.ts';
import { useLocale, type MessageKey } from '../i18n/i18n.ts';
import type { ChartSpec } from './doc-edit.ts';

const MARK_LABEL: Record<ChartMark, MessageKey> = {
  barY: 'markBar', barX: 'markBarX', line: 'markLine', area: 'markArea', dot: 'markDot', cell: 'markCell', text: 'markText',
};

type SortOrder = 'asc' | 'desc';

/** Bars ordered by their value: Plot's `sort` of the category channel by the value channel (`-y`: largest first). */
function sortValue(order: SortOrder, mark: ChartMark): string {
  const value = mark === 'barX' ? 'x' : 'y';
  return order === 'desc' ? `-${value}` : value;
}

function sortOrder(spec: ChartSpec, mark: ChartMark): SortOrder | null {
  const value = mark === 'barX' ? 'x' : 'y';
  if (spec.sort === `-${value}`) return 'desc';
  if (spec.sort === value) return 'asc';
  return null;
}

interface Props {
  spec: ChartSpec;
  target: string;
  targets: string[];
  columns: ResultColumn[];
  onSpec(spec: ChartSpec): void;
  onTarget(name: string): void;
}

export function ChartBuilder({ spec, target, targets, columns, onSpec, onTarget }: Props) {
  const { t } = useLocale();
  const mark = normalizeMark(spec.mark);
  const set = (key: string, value: string) => {
    const next: ChartSpec = { ...spec, [key]: value || undefined };
    if (!value) delete next[key];
    onSpec(next);
  };
  // Horizontal bars put the categories on y: switching to or from them swaps x and y (and
  // the sort's channel), so the chart keeps its meaning instead of plotting numbers as bands.
  const setMark = (value: string) => {
    const turned = (normalizeMark(value) === 'barX') !== (mark === 'barX');
    const next: ChartSpec = { ...spec, mark: value };
    if (turned) {
      next.x = spec.y;
      next.y = spec.x;
      if (next.x === undefined) delete next.x;
      if (next.y === undefined) delete next.y;
      const order = sortOrder(spec, mark);
      delete next.sort;
      if (order) next.sort = sortValue(order, normalizeMark(value));
    }
    onSpec(next);
  };
  const order = sortOrder(spec, mark);
  const column = (key: 'x' | 'y' | 'fill', label: MessageKey) => (
    <label className="builder-field">
      <span>{t(label)}</span>
      <select data-testid={`builder-${key}`} value={typeof spec[key] === 'string' ? (spec[key] as string) : ''} onChange={(e) => set(key, e.target.value)}>
        <option value="">{t('none')}</option>
        {columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="chart-builder" data-testid="chart-builder">
      <label className="builder-field">
        <span>{t('chartOf')}</span>
        <select data-testid="builder-target" value={target} onChange={(e) => onTarget(e.target.value)}>
          {!targets.includes(target) && <option value={target}>{target}</option>}
          {targets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="builder-field">
        <span>{t('chartMark')}</span>
        <select data-testid="builder-mark" value={mark} onChange={(e) => setMark(e.target.value)}>
          {CHART_MARKS.map((m) => (
            <option key={m} value={m}>
              {t(MARK_LABEL[m])}
            </option>
          ))}
        </select>
      </label>
      {column('x', 'chartX')}
      {column('y', 'chartY')}
      {column('fill', 'chartFill')}
      {(mark === 'barY' || mark === 'barX') && (
        <label className="builder-field">
          <span>{t('chartSort')}</span>
          <select
            data-testid="builder-sort"
            value={order ?? ''}
            onChange={(e) => {
              const next: ChartSpec = { ...spec };
              delete next.sort;
              if (e.target.value) next.sort = sortValue(e.target.value as SortOrder, mark);
              onSpec(next);
            }}
          >
            <option value="">{t('chartSortLabel')}</option>
            <option value="desc">{t('chartSortDesc')}</option>
            <option value="asc">{t('chartSortAsc')}</option>
          </select>
        </label>
      )}
    </div>
  );
}
