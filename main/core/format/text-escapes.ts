// Escaping rules for text inside text: BLOB bytes, JSON strings, elements of nested values.

const HEX_DIGITS = '0123456789ABCDEF';

/** DuckDB's BLOB text: printable ASCII as is, every other byte (and \ ' ") as `\xAB`. */
export function blobText(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    const printable = byte >= 0x20 && byte <= 0x7e && byte !== 0x5c && byte !== 0x27 && byte !== 0x22;
    text += printable ? String.fromCharCode(byte) : `\\x${HEX_DIGITS[byte >> 4]}${HEX_DIGITS[byte & 15]}`;
  }
  return text;
}

export function jsonString(text: string): string {
  return JSON.stringify(text);
}

// What makes DuckDB quote an element when it prints a LIST, STRUCT or MAP as text.
const NEEDS_QUOTES = /[,'"()[\]{}:=]|^[ \t\n\r\v\f]|[ \t\n\r\v\f]$/;

/** An element of a nested value as DuckDB prints it: `'a,b'`, `'it\'s'`, `''`, `'NULL'`, plain `a b`. */
export function nestedElementText(text: string, alwaysQuote = false): string {
  if (alwaysQuote || text === '' || text.toLowerCase() === 'null' || NEEDS_QUOTES.test(text)) {
    return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  }
  return text;
}
