// Where each statement of a script starts. DuckDB's extractStatements splits but does not
// say where, and a refusal should point at the statement it refuses. This scanner knows
// just enough SQL lexing to find the `;` that end statements: quoted strings and
// identifiers, E'' strings, dollar quotes and both comment styles.

function skipBlockComment(script: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < script.length) {
    if (script.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (script.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return i;
}

function skipQuoted(script: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < script.length) {
    const char = script[i];
    if (backslashEscapes && char === '\\') i += 2;
    else if (char === quote) {
      if (script[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return i;
}

function skipDollarQuoted(script: string, start: number): number | undefined {
  const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(start))?.[0];
  if (tag === undefined) return undefined;
  const end = script.indexOf(tag, start + tag.length);
  return end < 0 ? script.length : end + tag.length;
}

/** The index (UTF-16) where each non-empty statement starts, in order. */
export function statementStarts(script: string): number[] {
  const starts: number[] = [];
  let currentStart: number | undefined;
  let i = 0;
  while (i < script.length) {
    const char = script[i] ?? '';
    if (script.startsWith('--', i)) {
      const newline = script.indexOf('\n', i);
      i = newline < 0 ? script.length : newline + 1;
      continue;
    }
    if (script.startsWith('/*', i)) {
      i = skipBlockComment(script, i);
      continue;
    }
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    if (char === ';') {
      if (currentStart !== undefined) starts.push(currentStart);
      currentStart = undefined;
      i += 1;
      continue;
    }
    currentStart ??= i;
    if (char === "'") i = skipQuoted(script, i, "'", false);
    else if (char === '"') i = skipQuoted(script, i, '"', false);
    else if ((char === 'E' || char === 'e') && script[i + 1] === "'" && !/[\w$]/.test(script[i - 1] ?? ' '))
      i = skipQuoted(script, i + 1, "'", true);
    else if (char === '$') i = skipDollarQuoted(script, i) ?? i + 1;
    else i += 1;
  }
  if (currentStart !== undefined) starts.push(currentStart);
  return starts;
}

/** The statement a script index belongs to, given the statement starts. */
export function statementIndexAt(starts: readonly number[], index: number): number | undefined {
  let found: number | undefined;
  starts.forEach((start, statementIndex) => {
    if (start <= index) found = statementIndex;
  });
  return found;
}
