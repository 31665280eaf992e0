// The "Sobre" sheet: where the data came from, with which parameters and purpose, and the
// LGPD notice, so a spreadsheet passed along still says what it is.
import type { ParamValue, ResultFilter } from '../api/index.ts';
import { zoneOffsetSeconds } from '../format/zone-offset.ts';

export const LGPD_NOTICE = 'Contém dados pessoais protegidos pela LGPD (Lei 13.709/2018); uso restrito à finalidade declarada.';

export interface AboutInfo {
  /** "Painel: Dívida ativa" or "Consulta". */
  title: string;
  source?: string;
  snapshot: string;
  params: Record<string, ParamValue | undefined>;
  /** The SQL of each sheet, by sheet name (or one text for all). */
  sql: { sheet: string; text: string }[];
  purpose?: string;
  /** A result's export: the grid's filters, as `filterText` says them (undefined for a panel). */
  filters?: string[];
  /** The zone of the session: TIMESTAMPTZ cells hold its wall clock (a cell has no zone). */
  timeZone: string;
}

export interface AboutTotals {
  sheets: { name: string; rows: number }[];
  notices: string[];
  exportedAt: Date;
  elapsedMs: number;
}

function paramText(value: ParamValue | undefined): string {
  if (value === undefined || value === null) return '(vazio)';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

function dateTimeBr(date: Date, zone: string): string {
  const wall = new Date(date.getTime() + zoneOffsetSeconds(date.getTime(), zone) * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(wall.getUTCDate())}/${pad(wall.getUTCMonth() + 1)}/${wall.getUTCFullYear()} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/** A grid filter as the grid's chip says it, for a reader of the file. */
export function filterText(filter: ResultFilter, column: string): string {
  switch (filter.op) {
    case 'equals':
      return `${column} = ${filter.value}`;
    case 'notEquals':
      return `${column} ≠ ${filter.value}`;
    case 'isNull':
      return `${column} é NULL`;
    case 'notNull':
      return `${column} não é NULL`;
  }
}

export function aboutRows(info: AboutInfo, totals: AboutTotals): string[][] {
  const [year, month, day] = info.snapshot.split('-');
  const rows: string[][] = [
    ['Origem', info.title],
    ...(info.source ? [['Arquivo', info.source]] : []),
    ['Data de referência (snapshot)', `${day}/${month}/${year}`],
    ['Exportado em', dateTimeBr(totals.exportedAt, info.timeZone)],
    ['Fuso horário', `${info.timeZone} (datas e horas com fuso estão no horário deste fuso)`],
    ['Tempo da exportação', `${(totals.elapsedMs / 1000).toFixed(1).replace('.', ',')} s`],
    ['Finalidade declarada', info.purpose ?? '(não informada)'],
    ['Aviso', LGPD_NOTICE],
  ];
  const params = Object.entries(info.params);
  rows.push(['Parâmetros', params.length ? '' : '(nenhum)']);
  for (const [name, value] of params) rows.push([`  ${name}`, paramText(value)]);
  if (info.filters) {
    rows.push(['Filtros da grade', info.filters.length ? '' : '(nenhum: todas as linhas do resultado)']);
    for (const text of info.filters) rows.push(['', text]);
  }
  rows.push(['Linhas por planilha', '']);
  for (const sheet of totals.sheets) rows.push([`  ${sheet.name}`, String(sheet.rows)]);
  for (const notice of totals.notices) rows.push(['Observação', notice]);
  for (const sql of info.sql) rows.push([`SQL (${sql.sheet})`, sql.text]);
  return rows;
}
