// Checks that span cells: unique names, charts that draw a SQL cell that exists.
import type { Cell, DocumentProblem, NotebookDocument } from './types.ts';

export function checkDocument(doc: NotebookDocument, lineOf: (cell: Cell) => number): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const seen = new Map<string, Cell>();
  for (const cell of doc.cells) {
    if (cell.kind !== 'sql' || cell.name === null) continue;
    const earlier = seen.get(cell.name);
    if (earlier) {
      problems.push({ line: lineOf(cell), message: `o nome de célula "${cell.name}" já foi usado na linha ${lineOf(earlier)}`, cellId: cell.id });
    } else seen.set(cell.name, cell);
  }
  for (const cell of doc.cells) {
    if (cell.kind === 'chart' && cell.target !== '' && !seen.has(cell.target)) {
      problems.push({ line: lineOf(cell), message: `o gráfico desenha "${cell.target}", mas não há célula SQL com esse nome`, cellId: cell.id });
    }
  }
  return problems;
}
