// Finds CPF, NIS, CNS and CNPJ numbers in free text in any of their spellings: bare digits,
// the official punctuation, or digit groups joined by single spaces, dots, dashes or slashes
// (`123.45678.90-1`, `123 4567 8901 2345`, `123.456.789/01`, `1 2 3 4 5 6 7 8 9 0 1`).
//
// A run of digit groups is split into identifiers by a small dynamic programme: a window of
// whole groups holding 11, 14 or 15 digits is a candidate; windows in a known layout (or one
// undivided group) win over odd groupings, then more covered digits win. So in
// `2026-10-31 12345678909` the CPF is found, not the 15 digits `10-31 12345678909`. An odd
// grouping that mixes a space with other separators is left out (`1 2 3 4 5 6 7 8 9 0 1` and
// `1234.5678-909` are found), so `between 1 and 99 192.168.100.200` keeps its numbers.

export type IdentifierKind = 'cpf' | 'nis' | 'cpf/nis' | 'cns' | 'cnpj';

export interface IdentifierSpan {
  start: number;
  end: number;
  /** The digits only: the same number in every spelling gives the same digits. */
  digits: string;
  kind: IdentifierKind;
}

const RUN = /\d+(?:[ ./-]\d+)*/g;
// Our own keyed hashes: their hex is not someone's number (redacting twice changes nothing).
const HASH_TOKEN = /hmac-sha256:[0-9a-f]{64}/g;
const GROUP = /\d+/g;
const LENGTHS = new Set([11, 14, 15]);

const LAYOUTS: Record<string, IdentifierKind> = {
  '11': 'cpf/nis',
  '3,3,3,2': 'cpf',
  '9,2': 'cpf',
  '3,5,2,1': 'nis',
  '10,1': 'nis',
  '15': 'cns',
  '3,4,4,4': 'cns',
  '14': 'cnpj',
  '2,3,3,4,2': 'cnpj',
  '8,4,2': 'cnpj',
  '12,2': 'cnpj',
};

function kindOf(lengths: number[]): { kind: IdentifierKind; known: boolean } {
  const known = LAYOUTS[lengths.join(',')];
  if (known !== undefined) return { kind: known, known: true };
  const total = lengths.reduce((a, b) => a + b, 0);
  return { kind: total === 15 ? 'cns' : total === 14 ? 'cnpj' : 'cpf/nis', known: false };
}

interface Group {
  start: number;
  end: number;
  digits: string;
  /** The separator before this group ('' for the first). */
  before: string;
}

interface Plan {
  known: number;
  covered: number;
  spans: IdentifierSpan[];
}

function better(a: Plan, b: Plan): boolean {
  return a.known !== b.known ? a.known > b.known : a.covered > b.covered;
}

// A space is how unrelated numbers sit side by side; dots, dashes and slashes join parts of one.
function oneSeparatorOrNoSpace(window: Group[]): boolean {
  const separators = new Set(window.slice(1).map((g) => g.before));
  return separators.size <= 1 || !separators.has(' ');
}

function identifiersInRun(groups: Group[]): IdentifierSpan[] {
  const best: Plan[] = new Array<Plan>(groups.length + 1);
  best[groups.length] = { known: 0, covered: 0, spans: [] };
  for (let i = groups.length - 1; i >= 0; i -= 1) {
    let plan = best[i + 1] as Plan;
    let total = 0;
    for (let j = i; j < groups.length && total < 15; j += 1) {
      total += (groups[j] as Group).digits.length;
      if (!LENGTHS.has(total)) continue;
      const window = groups.slice(i, j + 1);
      const { kind, known } = kindOf(window.map((g) => g.digits.length));
      if (!known && !oneSeparatorOrNoSpace(window)) continue;
      const rest = best[j + 1] as Plan;
      const candidate: Plan = {
        known: rest.known + (known ? 1 : 0),
        covered: rest.covered + total,
        spans: [{ start: (groups[i] as Group).start, end: (groups[j] as Group).end, digits: window.map((g) => g.digits).join(''), kind }, ...rest.spans],
      };
      if (better(candidate, plan)) plan = candidate;
    }
    best[i] = plan;
  }
  return (best[0] as Plan).spans;
}

/** Every identifier-like number in `text`, left to right, not overlapping. */
export function findIdentifiers(text: string): IdentifierSpan[] {
  const found: IdentifierSpan[] = [];
  // The hashes are blanked out, same length, before runs are looked for: a number beside one
  // (`hmac-sha256:…0 98765432100`, which a user can type) starts a run of its own instead of
  // being skipped with the hash.
  const scanned = text.replace(HASH_TOKEN, (token) => 'x'.repeat(token.length));
  for (const run of scanned.matchAll(RUN)) {
    const groups = [...run[0].matchAll(GROUP)].map((g) => ({
      start: run.index + g.index,
      end: run.index + g.index + g[0].length,
      digits: g[0],
      before: g.index === 0 ? '' : (run[0][g.index - 1] as string),
    }));
    found.push(...identifiersInRun(groups));
  }
  return found;
}

/** Replaces each identifier found in `text` by what `replace` returns for it. */
export function replaceIdentifiers(text: string, replace: (span: IdentifierSpan) => string): string {
  let out = '';
  let at = 0;
  for (const span of findIdentifiers(text)) {
    out += text.slice(at, span.start) + replace(span);
    at = span.end;
  }
  return out + text.slice(at);
}

/** True when the whole of `text` (trimmed) is one identifier in some spelling. */
export function wholeIdentifier(text: string): IdentifierSpan | undefined {
  const trimmed = text.trim();
  const [span, ...more] = findIdentifiers(trimmed);
  return span !== undefined && more.length === 0 && span.start === 0 && span.end === trimmed.length ? span : undefined;
}
