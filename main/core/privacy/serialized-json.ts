// The JSON json_serialize_sql writes is not always JSON: a DOUBLE literal past the range
// (`select 1e309`) is written as a bare Infinity, -Infinity or NaN. Those tokens, outside
// strings, become null (the gate reads names and text constants, never numbers), so such a
// query is analysed instead of refused as unreadable.
const NON_FINITE = ['-Infinity', 'Infinity', 'NaN'] as const;

export function parseSerializedJson(text: string): unknown {
  let out = '';
  let copiedTo = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    const token = NON_FINITE.find((candidate) => text.startsWith(candidate, i));
    if (token !== undefined) {
      out += `${text.slice(copiedTo, i)}null`;
      i += token.length - 1;
      copiedTo = i + 1;
    }
  }
  return JSON.parse(out + text.slice(copiedTo));
}
