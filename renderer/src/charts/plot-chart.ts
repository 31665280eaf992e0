// Charts behind one module: a chart spec (plain data: mark, x, y, fill, stroke, facet, sort,
// tooltip, title, …) and a cell's rows in, an SVG (or a figure with its legend) out, drawn by
// Observable Plot with the locale's numbers and dates.
import * as Plot from '@observablehq/plot';
import type { ResultColumn } from '../../../main/core/api/index.ts';
import { isMoneyColumn } from '../../../main/core/api/money-columns.ts';
import type { ArrowTable } from '../client/arrow.ts';
import { bigIntFromWords } from '../format/numbers.ts';
import { formatDate } from '../format/temporal.ts';
import type { Locale } from '../i18n/i18n.ts';

export type ChartSpec = Record<string, unknown>;
export type ChartRow = Record<string, unknown>;

export const CHART_MARKS = ['barY', 'barX', 'line', 'area', 'dot', 'cell', 'text'] as const;
export type ChartMark = (typeof CHART_MARKS)[number];

const ACCENT = '#2563eb';
const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/i;
const PERCENT = /percentual|^pct_|_pct$|^taxa/i;
const YEAR = /^(ano|exercicio|exercício|year|ano_\w+|\w+_ano)$/i;

export function normalizeMark(mark: unknown): ChartMark {
  const text = String(mark ?? 'barY');
  if (text === 'bar') return 'barY';
  if (text === 'lineY' || text === 'lineX') return 'line';
  if (text === 'areaY' || text === 'areaX') return 'area';
  if (text === 'heatmap') return 'cell';
  return (CHART_MARKS as readonly string[]).includes(text) ? (text as ChartMark) : 'barY';
}

function isNumericType(type: string): boolean {
  const upper = type.toUpperCase();
  return INTEGER.test(upper) || upper.startsWith('DECIMAL') || upper === 'DOUBLE' || upper === 'FLOAT' || upper === 'REAL';
}

function isTemporalType(type: string): boolean {
  const upper = type.toUpperCase();
  return upper === 'DATE' || upper.startsWith('TIMESTAMP');
}

/** A plottable JS value: BIGINT and DECIMAL as numbers, DATE and TIMESTAMP as Date. */
function converter(type: string): (value: unknown) => unknown {
  const upper = type.toUpperCase();
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(upper);
  if (decimal) {
    const scale = 10 ** Number(decimal[2]);
    return (v) => (typeof v === 'bigint' ? Number(v) / scale : ArrayBuffer.isView(v) ? Number(bigIntFromWords(v as unknown as ArrayLike<number>)) / scale : Number(v) / scale);
  }
  if (INTEGER.test(upper) || upper === 'DOUBLE' || upper === 'FLOAT' || upper === 'REAL') {
    return (v) => (ArrayBuffer.isView(v) ? Number(bigIntFromWords(v as unknown as ArrayLike<number>)) : Number(v));
  }
  if (isTemporalType(upper)) return (v) => (v instanceof Date ? v : new Date(Number(v)));
  return (v) => (typeof v === 'string' || typeof v === 'boolean' ? v : String(v));
}

export function rowsOf(table: ArrowTable, columns: ResultColumn[]): ChartRow[] {
  const converters = columns.map((c) => converter(c.type));
  const vectors = columns.map((_, i) => table.getChildAt(i));
  const rows: ChartRow[] = new Array<ChartRow>(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: ChartRow = {};
    columns.forEach((column, i) => {
      const value: unknown = vectors[i]?.get(r);
      row[column.name] = value === null || value === undefined ? null : converters[i]!(value);
    });
    rows[r] = row;
  }
  return rows;
}

export function humanize(name: string): string {
  const text = name.replace(/_/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** Formats for a column: `axis` is compact (ticks), `full` is exact enough for a tooltip. */
export function columnFormats(name: string, type: string, locale: Locale, wholeMoney = false): { axis: (v: unknown) => string; full: (v: unknown) => string } {
  if (isTemporalType(type)) {
    const date = (v: unknown) => (v instanceof Date ? formatDate(v.getTime(), locale) : String(v ?? ''));
    return { axis: date, full: date };
  }
  if (!isNumericType(type)) return { axis: (v) => String(v ?? ''), full: (v) => String(v ?? '') };
  if (YEAR.test(name) && INTEGER.test(type)) return { axis: (v) => String(v), full: (v) => String(v) };
  const money = isMoneyColumn(name, type);
  const percent = PERCENT.test(name);
  const coordinate = /^(latitude|longitude|lat|lon|lng)$/i.test(name);
  const full = money
    ? numberFormat(locale, { style: 'currency', currency: 'BRL', ...(wholeMoney ? { maximumFractionDigits: 0 } : {}) })
    : numberFormat(locale, { maximumFractionDigits: percent ? 1 : coordinate ? 5 : 2 });
  const compact = money
    ? numberFormat(locale, { style: 'currency', currency: 'BRL', notation: 'compact', maximumFractionDigits: 1 })
    : numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const plain = numberFormat(locale, { maximumFractionDigits: coordinate ? 3 : 2 });
  const suffix = percent ? '%' : '';
  return {
    axis: (v) => (typeof v !== 'number' ? String(v ?? '') : (Math.abs(v) >= 10_000 || money ? compact.format(v) : plain.format(v)) + suffix),
    full: (v) => (typeof v !== 'number' ? String(v ?? '') : full.format(v) + suffix),
  };
}

export interface RenderOptions {
  width: number;
  locale: Locale;
}

function columnName(value: unknown, columns: ResultColumn[]): string | null {
  return typeof value === 'string' && columns.some((c) => c.name === value) ? value : null;
}

function labelLength(rows: ChartRow[], column: string, format: (v: unknown) => string): number {
  let longest = 0;
  for (const row of rows.slice(0, 500)) longest = Math.max(longest, format(row[column]).length);
  return longest;
}

/** The chart as an SVG element (a figure when it carries a colour legend). */
export function renderChart(spec: ChartSpec, rows: ChartRow[], columns: ResultColumn[], options: RenderOptions): SVGSVGElement | HTMLElement {
  const mark = normalizeMark(spec.mark);
  const x = columnName(spec.x, columns);
  const y = columnName(spec.y, columns);
  if (!x && !y && mark !== 'text') throw new Error('x / y');
  const typeOf = (name: string) => columns.find((c) => c.name === name)?.type ?? 'VARCHAR';
  const formats = (name: string) => columnFormats(name, typeOf(name), options.locale);
  const fillColumn = columnName(spec.fill, columns);
  const strokeColumn = columnName(spec.stroke, columns);
  const facet = columnName(spec.facet, columns);
  const geo = mark === 'dot' && x === 'longitude' && y === 'latitude';

  const markOptions: Record<string, unknown> = { x: x ?? undefined, y: y ?? undefined };
  if (mark === 'line') markOptions.stroke = strokeColumn ?? fillColumn ?? (typeof spec.stroke === 'string' ? spec.stroke : ACCENT);
  else if (mark === 'dot') {
    markOptions.fill = fillColumn ?? (typeof spec.fill === 'string' ? spec.fill : ACCENT);
    markOptions.r = typeof spec.r === 'number' ? spec.r : geo ? 3 : 3.5;
    if (strokeColumn) markOptions.stroke = strokeColumn;
  } else if (mark === 'text') {
    markOptions.text = columnName(spec.text, columns) ?? y ?? x;
    if (fillColumn) markOptions.fill = fillColumn;
  } else {
    markOptions.fill = fillColumn ?? (typeof spec.fill === 'string' ? spec.fill : ACCENT);
    if (strokeColumn) markOptions.stroke = strokeColumn;
  }
  if ((mark === 'line' || mark === 'area') && fillColumn) markOptions.z = fillColumn;
  if (facet) markOptions[mark === 'barX' ? 'fy' : 'fx'] = facet;
  if (spec.sort !== undefined && spec.sort !== null) {
    markOptions.sort = typeof spec.sort === 'string' ? { [mark === 'barX' ? 'y' : 'x']: spec.sort } : spec.sort;
  }

  const tipFormat: Record<string, unknown> = {};
  const tooltip = Array.isArray(spec.tooltip) ? spec.tooltip.map(String).filter((name) => columns.some((c) => c.name === name)) : [];
  if (tooltip.length > 0) {
    markOptions.channels = Object.fromEntries(tooltip.map((name) => [name, { value: name, label: humanize(name) }]));
    for (const name of tooltip) tipFormat[name] = formats(name).full;
    for (const [channel, column] of [['x', x], ['y', y], ['fill', fillColumn]] as const) {
      if (column && tooltip.includes(column)) tipFormat[channel] = false;
    }
  }
  for (const [channel, column] of [['x', x], ['y', y]] as const) if (column && tipFormat[channel] === undefined) tipFormat[channel] = formats(column).full;
  markOptions.tip = { format: tipFormat };

  const marks: Plot.Markish[] = [];
  const make = {
    barY: Plot.barY, barX: Plot.barX, line: Plot.lineY, area: Plot.areaY, dot: Plot.dot, cell: Plot.cell, text: Plot.text,
  }[mark] as (data: ChartRow[], options: Record<string, unknown>) => Plot.Markish;
  if (mark === 'barX' || mark === 'barY' || mark === 'area') marks.push(mark === 'barX' ? Plot.ruleX([0]) : Plot.ruleY([0]));
  if (mark === 'area') marks.push(Plot.lineY(rows, { x: x ?? undefined, y: y ?? undefined, stroke: fillColumn ?? ACCENT, z: fillColumn ?? undefined }));
  if (mark === 'area' && !fillColumn) markOptions.fillOpacity = 0.25;
  marks.unshift(make(rows, markOptions));

  const axis = (column: string | null, extra: Record<string, unknown> = {}) =>
    column ? { label: humanize(column), tickFormat: formats(column).axis, ...extra } : extra;
  const categories = (column: string | null) => (column ? new Set(rows.map((r) => r[column])).size : 0);
  let height = typeof spec.height === 'number' ? spec.height : 320;
  let marginLeft = 56;
  let marginBottom = 40;
  const xExtra: Record<string, unknown> = {};
  if (mark === 'barX' && y) {
    height = Math.max(140, Math.min(640, categories(y) * 24 + 60));
    marginLeft = Math.min(260, Math.max(60, labelLength(rows, y, formats(y).axis) * 6.6 + 36));
  } else if (y && isNumericType(typeOf(y))) {
    marginLeft = Math.min(120, Math.max(48, labelLength(rows, y, formats(y).axis) * 6.6 + 16));
  }
  if ((mark === 'barY' || mark === 'cell') && x && categories(x) > 6 && labelLength(rows, x, formats(x).axis) > 7) {
    xExtra.tickRotate = -30;
    marginBottom = Math.min(140, labelLength(rows, x, formats(x).axis) * 5 + 30);
    // A label turned -30° reaches left of its tick by ~cos 30° of its width: room for the first one.
    marginLeft = Math.max(marginLeft, Math.min(200, labelLength(rows, x, formats(x).axis) * 5.8));
  }
  if (mark === 'cell' && y) marginLeft = Math.min(260, Math.max(60, labelLength(rows, y, formats(y).axis) * 6.6 + 36));
  if (geo) height = Math.min(560, Math.round(options.width * 0.62));
  const colorColumn = fillColumn ?? strokeColumn;
  const color: Record<string, unknown> = { legend: !!colorColumn, ...(mark === 'cell' ? { scheme: 'blues' } : {}), ...((spec.color as object | undefined) ?? {}) };
  if (colorColumn && isNumericType(typeOf(colorColumn))) color.tickFormat = formats(colorColumn).axis;

  return Plot.plot({
    width: options.width,
    height,
    marginLeft,
    marginBottom,
    marginRight: 24,
    style: { fontSize: '12px', background: 'transparent', fontFamily: 'inherit' },
    x: axis(x, { ...(mark === 'barX' || geo ? { grid: true } : {}), ...xExtra }),
    y: axis(y, mark === 'barY' || mark === 'line' || mark === 'area' || geo ? { grid: true } : {}),
    color,
    ...(facet ? { [mark === 'barX' ? 'fy' : 'fx']: { label: humanize(facet) } } : {}),
    marks,
  } as Plot.PlotOptions);
}
