// How a city's CSV file is written: encoding, delimiter, decimal comma, date format, header.
// Each may be given (for every file, or per table) or left to be found: the encoding from the
// bytes, the delimiter by DuckDB's sniffer, the header by comparing the first row with the
// dictionary's column names, the decimal comma from the values of the fractional columns
// (read-table.ts).
import { isAscii } from 'node:buffer';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { WorkbenchError } from '../api/index.ts';

export type CsvEncoding = 'utf-8' | 'latin-1' | 'windows-1252';

export interface CsvOptions {
  encoding?: CsvEncoding;
  delimiter?: string;
  decimalComma?: boolean;
  /** strftime (`%d/%m/%Y`); `dd/mm/aaaa` and friends are accepted and translated. */
  dateFormat?: string;
  header?: boolean;
}

/** Options for every file, and per table where one file differs. */
export interface ImportOptions {
  defaults: CsvOptions;
  perTable: Record<string, CsvOptions>;
}

export function optionsFor(options: ImportOptions, table: string): CsvOptions {
  return { ...options.defaults, ...options.perTable[table] };
}

const DELIMITERS: Record<string, string> = { ';': ';', ',': ',', '|': '|', tab: '\t', '\\t': '\t', '\t': '\t' };

export function parseDelimiter(value: string): string {
  const delimiter = DELIMITERS[value];
  if (delimiter === undefined) throw invalid(`delimitador inválido: ${JSON.stringify(value)} (use ; , | ou tab)`);
  return delimiter;
}

export function parseEncoding(value: string): CsvEncoding {
  const normal = value.toLowerCase().replace(/[_ ]/g, '-');
  if (normal === 'utf-8' || normal === 'utf8') return 'utf-8';
  if (['latin-1', 'latin1', 'iso-8859-1'].includes(normal)) return 'latin-1';
  if (['windows-1252', 'cp1252'].includes(normal)) return 'windows-1252';
  throw invalid(`codificação inválida: ${value} (use utf-8, latin-1 ou windows-1252)`);
}

const DATE_WORDS: [RegExp, string][] = [
  [/dd/gi, '%d'],
  [/mm/gi, '%m'],
  [/aaaa|yyyy/gi, '%Y'],
];

/** `dd/mm/aaaa` → `%d/%m/%Y`; a strftime format passes as it is. */
export function parseDateFormat(value: string): string {
  if (value.includes('%')) return value;
  const format = DATE_WORDS.reduce((text, [word, code]) => text.replace(word, code), value);
  if (!format.includes('%d') || !format.includes('%m') || !format.includes('%Y')) throw invalid(`formato de data inválido: ${value} (ex.: dd/mm/aaaa ou %d/%m/%Y)`);
  return format;
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError({ code: 'parameter', message });
}

export type EncodingVerdict = { encoding: CsvEncoding } | { mixed: true };

/**
 * Reads the whole file: valid UTF-8 is UTF-8; bytes that are never valid UTF-8 and no
 * multi-byte sequence at all is Latin-1 (Windows-1252 when it uses 0x80–0x9F); both at once is a file re-encoded in part (a
 * concatenation of two exports), which no single encoding reads right.
 */
export async function detectEncoding(file: string): Promise<EncodingVerdict> {
  let multiByte = 0;
  let invalidBytes = 0;
  // Bytes 0x80–0x9F are control characters in Latin-1, letters and signs (“ ” – €) in Windows-1252.
  let windowsOnly = false;
  let pending = 0; // continuation bytes still expected
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    // Most chunks of most files are plain ASCII: checked natively, skipped.
    if (pending === 0 && isAscii(chunk)) continue;
    // An indexed loop: iterating a Buffer with for…of is several times slower.
    for (let index = 0; index < chunk.length; index += 1) {
      const byte = chunk[index] as number;
      if (pending > 0) {
        if ((byte & 0xc0) === 0x80) {
          pending -= 1;
          if (pending === 0) multiByte += 1;
          continue;
        }
        invalidBytes += 1;
        pending = 0;
      }
      if (byte < 0x80) continue;
      if (byte <= 0x9f) windowsOnly = true;
      if (byte >= 0xc2 && byte <= 0xdf) pending = 1;
      else if (byte >= 0xe0 && byte <= 0xef) pending = 2;
      else if (byte >= 0xf0 && byte <= 0xf4) pending = 3;
      else invalidBytes += 1;
    }
    if (multiByte > 0 && invalidBytes > 0) return { mixed: true };
  }
  if (pending > 0) invalidBytes += 1;
  if (invalidBytes === 0) return { encoding: 'utf-8' };
  if (multiByte > 0) return { mixed: true };
  return { encoding: windowsOnly ? 'windows-1252' : 'latin-1' };
}

const YES = ['sim', 's', 'true', 'yes', '1'];
const NO = ['nao', 'não', 'n', 'false', 'no', '0'];

function parseYesNo(value: unknown, what: string): boolean {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (YES.includes(text)) return true;
  if (NO.includes(text)) return false;
  throw invalid(`${what}: use sim ou nao (recebido ${String(value)})`);
}

/** One file's options as written in a dialects file or given on the command line. */
export function parseCsvOptions(raw: Record<string, unknown>, where: string): CsvOptions {
  const options: CsvOptions = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    const name = key.toLowerCase().replace(/[_-]/g, '');
    if (name === 'encoding' || name === 'codificacao') options.encoding = parseEncoding(String(value));
    else if (name === 'delimiter' || name === 'delimitador') options.delimiter = parseDelimiter(String(value));
    else if (name === 'decimalcomma' || name === 'virguladecimal') options.decimalComma = parseYesNo(value, `${where}.${key}`);
    else if (name === 'dateformat' || name === 'formatodata') options.dateFormat = parseDateFormat(String(value));
    else if (name === 'header' || name === 'cabecalho') options.header = parseYesNo(value, `${where}.${key}`);
    // How the file was written but not needed to read it (a generator's truth file lists them).
    else if (!['format', 'quoted', 'table', 'file'].includes(name)) throw invalid(`${where}: opção desconhecida ${key} (use encoding, delimiter, decimal-comma, date-format, header)`);
  }
  return options;
}

/**
 * DuckDB reads UTF-8, UTF-16 and Latin-1 only: a Windows-1252 file is decoded by Node into a
 * UTF-8 copy (in the import's private temp folder) for DuckDB to read.
 */
export async function transcodeWindows1252(file: string, target: string): Promise<void> {
  const decoder = new TextDecoder('windows-1252');
  const out = createWriteStream(target, { mode: 0o600 });
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      if (!out.write(decoder.decode(chunk, { stream: true }))) await once(out, 'drain');
    }
    out.end(decoder.decode());
    await once(out, 'finish');
  } finally {
    out.destroy();
  }
}
