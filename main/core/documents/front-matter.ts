// The YAML front matter: found at the very start of a notebook between `---` lines, parsed
// with the `yaml` package (its Document keeps comments and order for later edits).
import { LineCounter, parseDocument as parseYaml } from 'yaml';
import { readKpiDirections } from './kpi-directions.ts';
import { readParamSpecs } from './param-specs.ts';
import type { DocumentProblem, FrontMatter, ParamSpec } from './types.ts';

const OPEN_LINE = /^---[ \t]*\r?\n/;
const CLOSE_LINE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm;

export interface FrontMatterSplit {
  frontMatter: { open: string; yaml: string; close: string } | null;
  /** Where the rest of the document starts. */
  rest: number;
  problems: DocumentProblem[];
}

/** Finds the front matter block; an unclosed one is a problem at line 1 and is left as Markdown. */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const open = OPEN_LINE.exec(text);
  if (!open) return { frontMatter: null, rest: 0, problems: [] };
  CLOSE_LINE.lastIndex = open[0].length;
  const close = CLOSE_LINE.exec(text);
  if (!close) {
    return {
      frontMatter: null,
      rest: 0,
      problems: [{ line: 1, message: 'o cabeçalho YAML (front matter) aberto com --- na linha 1 não foi fechado com ---' }],
    };
  }
  return {
    frontMatter: { open: open[0], yaml: text.slice(open[0].length, close.index), close: close[0] },
    rest: close.index + close[0].length,
    problems: [],
  };
}

/** Parses the YAML between the fences; `firstLine` is the file line where the YAML starts. */
/**
 * `comparacao: comparar_com`: the parameter the panel's "Comparar com" control sets to the
 * snapshot date the KPIs are compared with, so a panel that compares in its cells too has one
 * comparison control, not two that can disagree.
 */
function readComparison(
  yamlDoc: ReturnType<typeof parseYaml>,
  lineCounter: LineCounter,
  firstLine: number,
  params: readonly ParamSpec[],
): { comparison?: string; problems: DocumentProblem[] } {
  const node = yamlDoc.get('comparacao', true) as { value?: unknown; range?: [number, number, number] } | undefined;
  if (node === undefined || node === null) return { problems: [] };
  const name = node.value;
  const spec = typeof name === 'string' ? params.find((p) => p.name === name) : undefined;
  if (spec !== undefined && (spec.type === 'date' || spec.type === 'text' || spec.type === 'select')) return { comparison: spec.name, problems: [] };
  const line = node.range ? lineCounter.linePos(node.range[0]).line + firstLine - 1 : firstLine;
  return { problems: [{ line, message: `comparacao: "${String(name)}" deve nomear um parâmetro de params do tipo date, text ou select (recebe a data do retrato comparado)` }] };
}

export function readFrontMatter(
  parts: { open: string; yaml: string; close: string },
  firstLine: number,
): { frontMatter: FrontMatter; problems: DocumentProblem[] } {
  const lineCounter = new LineCounter();
  const yamlDoc = parseYaml(parts.yaml, { lineCounter, prettyErrors: false });
  // An error found at the end of the text (an unclosed bracket) belongs to the last line written.
  const lastWritten = Math.max(parts.yaml.trimEnd().length - 1, 0);
  const problems: DocumentProblem[] = yamlDoc.errors.map((error) => ({
    line: lineCounter.linePos(Math.min(error.pos[0], lastWritten)).line + firstLine - 1,
    message: `YAML inválido no cabeçalho: ${error.message.split('\n')[0] ?? error.message}`,
  }));
  let data: Record<string, unknown> = {};
  let params: FrontMatter['params'] = [];
  let kpis: FrontMatter['kpis'] = {};
  let kpiFormats: FrontMatter['kpiFormats'] = {};
  let comparison: string | undefined;
  if (problems.length === 0) {
    const value: unknown = yamlDoc.toJS();
    if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
      problems.push({ line: firstLine, message: 'o cabeçalho YAML deve ser um mapa (title, owner, purpose, params, kpis…)' });
    } else {
      data = (value ?? {}) as Record<string, unknown>;
      const read = readParamSpecs(yamlDoc, lineCounter, firstLine);
      params = read.params;
      problems.push(...read.problems);
      const directions = readKpiDirections(yamlDoc, lineCounter, firstLine);
      kpis = directions.kpis;
      kpiFormats = directions.formats;
      problems.push(...directions.problems);
      const compared = readComparison(yamlDoc, lineCounter, firstLine, params);
      comparison = compared.comparison;
      problems.push(...compared.problems);
    }
  }
  return { frontMatter: { ...parts, data, params, kpis, kpiFormats, ...(comparison !== undefined ? { comparison } : {}) }, problems };
}
