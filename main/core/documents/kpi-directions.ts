// The `kpis:` of a front matter: for each KPI column, which way is better and, optionally, how
// its number is written. A growing creche queue or more late vaccines must not show green
// because the number went up, so a panel says it per KPI (`na_fila: menor`); a KPI it says
// nothing about shows its change in a neutral colour. The long form also names the format
// (`saldo_total: { melhor: menor, formato: moeda }`), since a column's name is a poor guide to it.
import { isMap, isScalar, type Document, type LineCounter, type Node } from 'yaml';
import { KPI_FORMATS } from './types.ts';
import type { DocumentProblem, KpiDirection, KpiFormat } from './types.ts';

const DIRECTIONS: readonly KpiDirection[] = ['maior', 'menor'];

function isDirection(value: unknown): value is KpiDirection {
  return typeof value === 'string' && (DIRECTIONS as readonly string[]).includes(value);
}

function isFormat(value: unknown): value is KpiFormat {
  return typeof value === 'string' && (KPI_FORMATS as readonly string[]).includes(value);
}

/** One entry's value: `menor`, or `{ melhor: menor, formato: moeda }` (either key may be left out). */
function readEntry(column: string, value: unknown): { direction?: KpiDirection; format?: KpiFormat } | string {
  if (isDirection(value)) return { direction: value };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `kpis: ${column} deve ser "maior" ou "menor" (qual sentido é melhor)`;
  const { melhor, formato, ...other } = value as Record<string, unknown>;
  const unknown = Object.keys(other)[0];
  if (unknown !== undefined) return `kpis: ${column} tem a chave desconhecida "${unknown}" (use melhor e formato)`;
  if (melhor !== undefined && melhor !== null && !isDirection(melhor)) return `kpis: ${column}: melhor deve ser "maior" ou "menor"`;
  if (formato !== undefined && formato !== null && !isFormat(formato)) return `kpis: ${column}: formato deve ser ${KPI_FORMATS.map((f) => `"${f}"`).join(', ')}`;
  return { ...(isDirection(melhor) ? { direction: melhor } : {}), ...(isFormat(formato) ? { format: formato } : {}) };
}

/** Reads `kpis:` from a parsed front matter; `firstLine` is the file line of the YAML's line 1. */
export function readKpiDirections(
  yamlDoc: Document,
  lineCounter: LineCounter,
  firstLine: number,
): { kpis: Record<string, KpiDirection>; formats: Record<string, KpiFormat>; problems: DocumentProblem[] } {
  const kpis: Record<string, KpiDirection> = {};
  const formats: Record<string, KpiFormat> = {};
  const problems: DocumentProblem[] = [];
  const lineOf = (node: Node | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line + firstLine - 1 : firstLine);
  const node = yamlDoc.get('kpis', true) as Node | undefined;
  if (node === undefined || (isScalar(node) && node.value === null)) return { kpis, formats, problems };
  if (!isMap(node)) {
    problems.push({ line: lineOf(node), message: 'kpis deve ser um mapa de coluna: maior ou menor (qual sentido é melhor)' });
    return { kpis, formats, problems };
  }
  for (const pair of node.items) {
    const column = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const value: unknown = (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null;
    const entry = readEntry(column, value);
    if (typeof entry === 'string') {
      problems.push({ line: lineOf(pair.key as Node), message: entry });
      continue;
    }
    if (entry.direction) kpis[column] = entry.direction;
    if (entry.format) formats[column] = entry.format;
  }
  return { kpis, formats, problems };
}

/** How a KPI's change reads: good or bad where the document says which way is better, else neutral. */
export function kpiChangeTone(delta: number, direction: KpiDirection | undefined): 'good' | 'bad' | 'neutral' {
  if (delta === 0 || direction === undefined) return 'neutral';
  return (delta > 0) === (direction === 'maior') ? 'good' : 'bad';
}
