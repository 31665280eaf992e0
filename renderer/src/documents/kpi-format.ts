// A KPI's number as the panel declares it (`kpis: { saldo: { formato: moeda } }`); where it
// declares nothing, the column's own rule (plot-chart.ts: money by name and type, % by name).
import type { KpiFormat } from '../../../main/core/documents/types.ts';
import { columnFormats } from '../charts/plot-chart.ts';
import type { Locale } from '../i18n/i18n.ts';

export function kpiFormatter(name: string, type: string, locale: Locale, declared: KpiFormat | undefined): (value: unknown) => string {
  if (declared === undefined) return columnFormats(name, type, locale, true).full;
  const options: Intl.NumberFormatOptions =
    declared === 'moeda' ? { style: 'currency', currency: 'BRL', maximumFractionDigits: 0 } : { maximumFractionDigits: declared === 'percentual' ? 1 : 2 };
  const format = new Intl.NumberFormat(locale, options);
  const suffix = declared === 'percentual' ? '%' : '';
  return (value) => (typeof value === 'number' ? format.format(value) + suffix : String(value ?? ''));
}
