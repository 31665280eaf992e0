// The validation report: JSON for machines, an HTML page for people (pt-BR, one file, no
// scripts, opens anywhere). Published with the snapshot; `--report` writes one elsewhere too.
import type { Finding } from './findings.ts';
import type { ReadDialect } from './raw-tables.ts';

export interface ReportTable {
  table: string;
  file: string;
  rows: number;
  dialect: ReadDialect;
}

export interface ImportReport {
  date: string;
  /** The export folder. */
  from: string;
  generatedAt: string;
  /** The snapshot drift was measured against. */
  previous?: string;
  tables: ReportTable[];
  findings: Finding[];
  summary: { blocking: number; warnings: number };
}

export function buildReport(fields: Omit<ImportReport, 'summary' | 'generatedAt'>, now = new Date()): ImportReport {
  const blocking = fields.findings.filter((f) => f.severity === 'bloqueante').length;
  return { ...fields, generatedAt: now.toISOString(), summary: { blocking, warnings: fields.findings.length - blocking } };
}

export function reportJson(report: ImportReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const number = (n: number) => n.toLocaleString('pt-BR');

function dialectText(dialect: ReadDialect): string {
  if (dialect.format === 'parquet') return 'Parquet';
  const delimiter = dialect.delimiter === '\t' ? 'tab' : dialect.delimiter;
  return [`CSV ${dialect.encoding}`, `delimitador ${delimiter}`, dialect.header ? 'com cabeçalho' : 'sem cabeçalho', dialect.decimalComma ? 'vírgula decimal' : 'ponto decimal', dialect.dateFormat ? `datas ${dialect.dateFormat}` : 'datas ISO ou dd/mm/aaaa'].join(', ');
}

function findingRow(f: Finding): string {
  const cells = [f.severity === 'bloqueante' ? '<b>bloqueante</b>' : 'aviso', f.rule, f.table, f.column ?? '', number(f.count), f.message, f.examples.join(' · ')];
  return `<tr class="${f.severity}">${cells.map((c, i) => `<td>${i === 0 ? c : escapeHtml(c)}</td>`).join('')}</tr>`;
}

/** The page a person reads: the verdict first, then every finding, then what was read. */
export function reportHtml(report: ImportReport): string {
  const verdict =
    report.summary.blocking > 0
      ? `${report.summary.blocking} problemas bloqueantes: o snapshot só é publicado com --force --motivo.`
      : 'Nenhum problema bloqueante: o snapshot pode ser publicado.';
  const tables = report.tables.map((t) => `<tr><td>${escapeHtml(t.table)}</td><td>${escapeHtml(t.file)}</td><td>${number(t.rows)}</td><td>${escapeHtml(dialectText(t.dialect))}</td></tr>`);
  return `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>Importação do snapshot ${escapeHtml(report.date)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}tr.bloqueante td{background:#fdecea}tr.aviso td{background:#fff8e1}</style>
</head><body>
<h1>Importação do snapshot ${escapeHtml(report.date)}</h1>
<p>Origem: ${escapeHtml(report.from)}. Gerado em ${escapeHtml(report.generatedAt)}.${report.previous ? ` Deriva medida contra o snapshot ${escapeHtml(report.previous)}.` : ' Sem snapshot anterior: deriva não medida.'}</p>
<p><strong>${escapeHtml(verdict)}</strong> ${number(report.summary.warnings)} avisos.</p>
<h2>Achados</h2>
${report.findings.length === 0 ? '<p>Nenhum.</p>' : `<table><tr><th>Severidade</th><th>Regra</th><th>Tabela</th><th>Coluna</th><th>Quantidade</th><th>Descrição</th><th>Exemplos (mascarados)</th></tr>\n${report.findings.map(findingRow).join('\n')}\n</table>`}
<h2>Tabelas lidas</h2>
<table><tr><th>Tabela</th><th>Arquivo</th><th>Linhas</th><th>Formato</th></tr>
${tables.join('\n')}
</table>
</body></html>
`;
}
