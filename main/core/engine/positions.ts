// DuckDB reports error positions as offsets from the start of the whole script, in two
// units: the parser counts code points, everything bound later (binder, catalog, permission,
// conversion) counts UTF-8 bytes. Editors want 1-based line and column in UTF-16 units.

export interface LineColumn {
  line: number;
  column: number;
}

export type PositionUnit = 'codePoints' | 'utf8Bytes';

/** Converts a DuckDB offset into an index into the JS string (UTF-16 units). */
export function toUtf16Index(script: string, offset: number, unit: PositionUnit): number {
  if (unit === 'utf8Bytes') {
    // Decoding a prefix that cuts a multi-byte character would add U+FFFD: round down instead.
    const bytes = Buffer.from(script, 'utf8');
    let end = Math.min(Math.max(offset, 0), bytes.length);
    while (end > 0 && end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
    return bytes.subarray(0, end).toString('utf8').length;
  }
  let index = 0;
  let codePoints = 0;
  while (index < script.length && codePoints < offset) {
    const code = script.codePointAt(index) ?? 0;
    index += code > 0xffff ? 2 : 1;
    codePoints += 1;
  }
  return index;
}

/** 1-based line and column (UTF-16 units) of a string index. */
export function lineColumnAt(script: string, index: number): LineColumn {
  const clamped = Math.min(Math.max(index, 0), script.length);
  const before = script.slice(0, clamped);
  const lastNewline = before.lastIndexOf('\n');
  let line = 1;
  for (let i = 0; i < before.length; i += 1) if (before.charCodeAt(i) === 10) line += 1;
  return { line, column: clamped - lastNewline };
}
