// The small builder of a chart cell: target cell, mark and the x / y / colour columns.
// Each change rewrites the cell's YAML body; keys it does not know of stay as they were.
import type { ResultColumn } from '../../../main/core/api/index.ts';
import { CHART_MARKS, normalizeMark, type ChartMark } from '../charts/plot-chart.ts';
import { useLocale, type MessageKey } from '../i18n/i18n.ts';
import type { ChartSpec } from './doc-edit.ts';

const MARK_LABEL: Record<ChartMark, MessageKey> = {
  barY: 'markBar', barX: 'markBarX', line: 'markLine', area: 'markArea', dot: 'markDot', cell: 'markCell', text: 'markText',
};

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
        <select data-testid="builder-mark" value={mark} onChange={(e) => set('mark', e.target.value)}>
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
    </div>
  );
}
