// Editing one value of the front matter while leaving every other byte of it alone: the new
// value replaces only the text of the old one (flow style, one line), a new key is added as
// one line at the end of its map. Only when that is not possible (a block collection, a new
// nested map) does the yaml Document API re-render the YAML (it keeps comments and order).
import { isCollection, isMap, isScalar, isPair, LineCounter, parseDocument as parseYaml, stringify } from 'yaml';
import type { Document, Node } from 'yaml';

function flowText(value: unknown): string {
  if (typeof value === 'string' && /[\n\r]/.test(value)) return JSON.stringify(value);
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();
}

/** A value on a line of a block map: a string stays plain where YAML allows (`purpose: Ver, num relance`), a collection is flow. */
function lineText(value: unknown): string {
  if (typeof value === 'string' && !/[\n\r]/.test(value)) return stringify(value, { lineWidth: 0 }).trimEnd();
  return flowText(value);
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function replaceNode(yaml: string, node: Node, value: unknown): string | undefined {
  if (!node.range || !(isScalar(node) || (isCollection(node) && node.flow))) return undefined;
  return yaml.slice(0, node.range[0]) + flowText(value) + yaml.slice(node.range[1]);
}

function appendPair(yaml: string, doc: Document, parentPath: string[], key: string, value: unknown, eol: string): string | undefined {
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (!isMap(parent) || parent.flow) return undefined;
  const last = parent.items.at(-1);
  if (!isPair(last) || !isScalar(last.key) || !last.key.range) return undefined;
  const lineCounter = new LineCounter();
  parseYaml(yaml, { lineCounter });
  const indent = lineCounter.linePos(last.key.range[0]).col - 1;
  const valueNode = last.value as Node | null;
  let at = valueNode?.range ? valueNode.range[1] : last.key.range[1];
  if (yaml[at - 1] !== '\n') {
    const newline = yaml.indexOf('\n', at);
    at = newline < 0 ? yaml.length : newline + 1;
  }
  const lead = at === yaml.length && yaml !== '' && !yaml.endsWith('\n') ? eol : '';
  const pad = ' '.repeat(indent);
  // A new top-level map (params:, kpis:) as the curated files write it: one line per entry.
  const entries = parentPath.length === 0 && isPlainMap(value) ? Object.entries(value) : [];
  const written =
    entries.length > 0
      ? `${pad}${flowText(key)}:${eol}${entries.map(([k, v]) => `${pad}  ${flowText(k)}: ${lineText(v)}${eol}`).join('')}`
      : `${pad}${flowText(key)}: ${lineText(value)}${eol}`;
  return `${yaml.slice(0, at)}${lead}${written}${yaml.slice(at)}`;
}

/** A new top-level key on the line after another's (owner after title), when that one is a one-line pair. */
function insertAfter(yaml: string, doc: Document, after: string, key: string, value: unknown, eol: string): string | undefined {
  if (!isMap(doc.contents) || doc.contents.flow) return undefined;
  const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === after);
  const valueNode = pair?.value as Node | null | undefined;
  if (!valueNode?.range || !isScalar(valueNode)) return undefined;
  const newline = yaml.indexOf('\n', valueNode.range[1]);
  if (newline < 0) return undefined;
  const at = newline + 1;
  return `${yaml.slice(0, at)}${flowText(key)}: ${lineText(value)}${eol}${yaml.slice(at)}`;
}

function plainValueAt(yaml: string, path: string[]): unknown {
  const doc = parseYaml(yaml);
  if (doc.errors.length > 0) return Symbol('invalid');
  let value: unknown = doc.toJS();
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** Equality of YAML-shaped data (scalars, arrays, plain objects), without Node's util: the renderer edits too. */
function samePlainData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((k) => samePlainData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The YAML text with the value at `path` set (undefined deletes it); a new top-level key goes after `after` when given. */
export function setYamlValue(yaml: string, path: string[], value: unknown, eol: string, after?: string): string {
  const doc = parseYaml(yaml);
  if (doc.errors.length === 0 && value !== undefined) {
    const node = doc.getIn(path, true) as Node | undefined;
    const key = path.at(-1) ?? '';
    const direct =
      node !== undefined && node !== null
        ? replaceNode(yaml, node, value)
        : ((after !== undefined && path.length === 1 ? insertAfter(yaml, doc, after, key, value, eol) : undefined) ??
          appendPair(yaml, doc, path.slice(0, -1), key, value, eol));
    if (direct !== undefined && samePlainData(plainValueAt(direct, path), value)) return direct;
  }
  if (value === undefined) doc.deleteIn(path);
  else doc.setIn(path, doc.createNode(value, { flow: true }));
  const text = doc.toString({ lineWidth: 0 });
  return eol === '\n' ? text : text.replace(/\r?\n/g, eol);
}
