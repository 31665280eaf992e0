// The `kpis:` of a front matter: for each KPI column, which way is better. A growing creche
// queue or more late vaccines must not show green because the number went up, so a panel
// says it per KPI (`na_fila: menor`); a KPI it says nothing about shows its change in a
// neutral colour.
import { isMap, isScalar, type Document, type LineCounter, type Node } from 'yaml';
import type { DocumentProblem, KpiDirection } from './types.ts';

const DIRECTIONS: readonly KpiDirection[] = ['maior', 'menor'];

/** Reads `kpis:` from a parsed front matter; `firstLine` is the file line of the YAML's line 1. */
export function readKpiDirections(
  yamlDoc: Document,
  lineCounter: LineCounter,
  firstLine: number,
): { kpis: Record<string, KpiDirection>; problems: DocumentProblem[] } {
  const kpis: Record<string, KpiDirection> = {};
  const problems: DocumentProblem[] = [];
  const lineOf = (node: Node | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line + firstLine - 1 : firstLine);
  const node = yamlDoc.get('kpis', true) as Node | undefined;
  if (node === undefined || (isScalar(node) && node.value === null)) return { kpis, problems };
  if (!isMap(node)) {
    problems.push({ line: lineOf(node), message: 'kpis deve ser um mapa de coluna: maior ou menor (qual sentido é melhor)' });
    return { kpis, problems };
  }
  for (const pair of node.items) {
    const column = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof value === 'string' && (DIRECTIONS as readonly string[]).includes(value)) kpis[column] = value as KpiDirection;
    else problems.push({ line: lineOf(pair.key as Node), message: `kpis: ${column} deve ser "maior" ou "menor" (qual sentido é melhor)` });
  }
  return { kpis, problems };
}

/** How a KPI's change reads: good or bad where the document says which way is better, else neutral. */
export function kpiChangeTone(delta: number, direction: KpiDirection | undefined): 'good' | 'bad' | 'neutral' {
  if (delta === 0 || direction === undefined) return 'neutral';
  return (delta > 0) === (direction === 'maior') ? 'good' : 'bad';
}
