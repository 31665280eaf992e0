// Where each statement of a script starts and ends, so Ctrl+Enter can run the one under the cursor.
export interface Span {
  start: number;
  end: number;
}

/** Spans between top-level semicolons; quotes, quoted names and comments are skipped over. */
export function statementSpans(sql: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === "'" || c === '"') {
      const close = sql.indexOf(c, i + 1);
      i = close < 0 ? sql.length : close + 1;
      continue;
    }
    if (c === '-' && next === '-') {
      const close = sql.indexOf('\n', i);
      i = close < 0 ? sql.length : close + 1;
      continue;
    }
    if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
      continue;
    }
    if (c === ';') {
      spans.push({ start, end: i });
      start = i + 1;
    }
    i++;
  }
  spans.push({ start, end: sql.length });
  return spans.filter((span) => sql.slice(span.start, span.end).trim() !== '');
}

/** The statement under `offset`; right after a `;` still counts as the statement it closes. */
export function statementAt(sql: string, offset: number): Span | null {
  const spans = statementSpans(sql);
  const hit = spans.find((span) => offset >= span.start && offset <= span.end + 1);
  const span = hit ?? [...spans].reverse().find((s) => s.end < offset) ?? spans[0] ?? null;
  if (!span) return null;
  // Trim leading blank lines so reported error lines map back exactly.
  const text = sql.slice(span.start, span.end);
  const lead = text.length - text.trimStart().length;
  return { start: span.start + lead, end: span.end };
}
