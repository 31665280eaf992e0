// What each DuckDB value becomes in an exported XLSX cell, read back from the file with exceljs:
// numbers stay numbers only while Excel keeps every digit (15 significant), else the exact
// digits as text; dates are dates inside Excel's range (01/03/1900 to 31/12/9999), else
// DuckDB's text; text is always a string cell (edge spaces kept, XML-invalid characters
// shown, cut at Excel's 32,767 characters); and "Sobre" says which of these happened.
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../arrow/support.ts';
import { aboutPairs, columnValues, sheetOf, writeAndRead } from './xlsx-read-back.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
});

const NOTE_DIGITS = 'Números com mais de 15 algarismos significativos (limite do Excel) foram gravados como texto, com todos os dígitos.';
const NOTE_DATES = 'Datas fora do intervalo do Excel (01/03/1900 a 31/12/9999) foram gravadas como texto.';
const NOTE_TRUNCATED = 'Textos com mais de 32.767 caracteres (limite do Excel) foram cortados.';

/** One column of values (`SELECT <expr> AS <name> FROM (VALUES ...)`), written and read back. */
async function column(type: string, literals: string[]): Promise<{ values: unknown[]; notices: string[] }> {
  const rows = literals.map((literal, i) => `(${i}, ${literal === 'NULL' ? 'NULL' : `CAST(${literal} AS ${type})`})`).join(', ');
  const { book, summary } = await writeAndRead(connection, { dados: `SELECT v FROM (VALUES ${rows}) t(i, v) ORDER BY i` });
  return { values: columnValues(sheetOf(book, 'dados'), 'v'), notices: summary.notices };
}

const ms = (iso: string) => new Date(iso).getTime();

describe('numbers in an XLSX cell', () => {
  it('booleans are TRUE/FALSE cells, a NULL an empty cell', async () => {
    expect((await column('BOOLEAN', ['true', 'NULL', 'false'])).values).toEqual([true, null, false]);
  });

  it('small integers are numbers, NULL empty', async () => {
    const { values, notices } = await column('INTEGER', ['42', '-7', '0', 'NULL', '2147483647']);
    expect(values).toEqual([42, -7, 0, null, 2147483647]);
    expect(notices).toEqual([]);
  });

  it('a BIGINT is a number up to 15 digits; from 10^15 on it is text with every digit, and Sobre says why', async () => {
    const { values, notices } = await column('BIGINT', ['999999999999999', '-999999999999999', '1000000000000000', '-1000000000000000', '9007199254740993', 'NULL', '12']);
    expect(values).toEqual([999999999999999, -999999999999999, '1000000000000000', '-1000000000000000', '9007199254740993', null, 12]);
    expect(notices).toEqual([NOTE_DIGITS]);
  });

  it('a BIGINT column that fits says nothing in Sobre', async () => {
    const { book, summary } = await writeAndRead(connection, { dados: 'SELECT range::BIGINT * 1000 AS n FROM range(3)' });
    expect(columnValues(sheetOf(book, 'dados'), 'n')).toEqual([0, 1000, 2000]);
    expect(summary.notices).toEqual([]);
    expect(aboutPairs(book).filter(([label]) => label === 'Observação')).toEqual([]);
  });

  it('a DECIMAL is the number it holds while 15 significant digits keep it exact, else its exact digits as text', async () => {
    const { values, notices } = await column('DECIMAL(18,4)', ['1.5', '-0.05', '2', '0', '12345678901234.5', '99999999999999.9999', 'NULL', '-12345678901.2345']);
    expect(values).toEqual([1.5, -0.05, 2, 0, 12345678901234.5, '99999999999999.9999', null, -12345678901.2345]);
    expect(notices).toEqual([NOTE_DIGITS]);
  });

  it('a DECIMAL counts its significant digits only: leading and trailing zeros do not count', async () => {
    const small = await column('DECIMAL(38,21)', ['0.00000123456789012345', '0.000001234567890123456']);
    expect(small.values).toEqual([0.00000123456789012345, '0.000001234567890123456']);
    const round = await column('DECIMAL(38,0)', ['123456789012345000000', '1234567890123456']);
    expect(round.values).toEqual([123456789012345000000, '1234567890123456']);
    // Below 10^-6 a double prints in exponent form: kept as the exact text.
    const tiny = await column('DECIMAL(18,10)', ['0.0000001', '0.0000012']);
    expect(tiny.values).toEqual(['0.0000001000', 0.0000012]);
  });

  it('wide decimals of every storage width and HUGEINT/UHUGEINT keep their sign and digits', async () => {
    expect((await column('DECIMAL(4,1)', ['-999.9', 'NULL', '999.9'])).values).toEqual([-999.9, null, 999.9]);
    expect((await column('DECIMAL(9,2)', ['-1234567.89', '0.01'])).values).toEqual([-1234567.89, 0.01]);
    expect((await column('DECIMAL(38,10)', ['-1234567890123456789012345678.0123456789', '-1.25'])).values)
      .toEqual(['-1234567890123456789012345678.0123456789', -1.25]);
    expect((await column('HUGEINT', ['-170141183460469231731687303715884105728', '-5', 'NULL', '1'])).values)
      .toEqual(['-170141183460469231731687303715884105728', -5, null, 1]);
    expect((await column('UHUGEINT', ['340282366920938463463374607431768211455', '7'])).values)
      .toEqual(['340282366920938463463374607431768211455', 7]);
  });

  it('a FLOAT is written with its shortest digits (1.1, not 1.100000023841858); a DOUBLE as it is', async () => {
    expect((await column('FLOAT', ['1.1', '-0.3', 'NULL', '16777216'])).values).toEqual([1.1, -0.3, null, 16777216]);
    expect((await column('DOUBLE', ['0.1', 'NULL', '-1e300', '1.000000123456789'])).values).toEqual([0.1, null, -1e300, 1.000000123456789]);
  });

  it('infinities and NaN, which no spreadsheet holds as numbers, are DuckDB\'s text', async () => {
    expect((await column('DOUBLE', [`'inf'`, `'-inf'`, `'nan'`, '1.5'])).values).toEqual(['inf', '-inf', 'nan', 1.5]);
    expect((await column('FLOAT', [`'-inf'`, `'nan'`])).values).toEqual(['-inf', 'nan']);
  });
});

describe('dates in an XLSX cell', () => {
  it('DATEs from 01/03/1900 to 31/12/9999 are date cells; earlier or later ones are their text, and Sobre says so', async () => {
    const { values, notices } = await column('DATE', [`'1900-03-01'`, `'1900-02-28'`, `'9999-12-31'`, `'10000-01-01'`, `'2024-02-29'`, 'NULL', `'0001-01-01'`, `'infinity'`]);
    expect(values).toEqual([new Date('1900-03-01T00:00:00Z'), '1900-02-28', new Date('9999-12-31T00:00:00Z'), '10000-01-01', new Date('2024-02-29T00:00:00Z'), null, '0001-01-01', 'infinity']);
    expect(notices).toEqual([NOTE_DATES]);
  });

  it('a date column inside the range says nothing in Sobre', async () => {
    const { notices } = await column('DATE', [`'1969-07-20'`, `'1970-01-01'`]);
    expect(notices).toEqual([]);
  });

  it('TIMESTAMPs of every unit are date-time cells to the millisecond, inside the same range; outside it their text', async () => {
    const micro = await column('TIMESTAMP', [`'1900-03-01 00:00:00'`, `'1900-02-28 23:59:59.999999'`, `'9999-12-31 23:59:59.999'`, `'1969-12-31 23:59:59.999999'`, 'NULL', `'2024-02-29 23:59:59.123456'`]);
    expect(micro.values).toEqual([new Date('1900-03-01T00:00:00Z'), '1900-02-28 23:59:59.999999', new Date('9999-12-31T23:59:59.999Z'), new Date('1969-12-31T23:59:59.999Z'), null, new Date('2024-02-29T23:59:59.123Z')]);
    expect(micro.notices).toEqual([NOTE_DATES]);
    // The first instant past 31/12/9999 is text.
    expect((await column('TIMESTAMP', [`'9999-12-31 23:59:59.998'`, `'10000-01-01 00:00:00'`])).values).toEqual([new Date('9999-12-31T23:59:59.998Z'), '10000-01-01 00:00:00']);
    // Past 2^53 microseconds a float division would round the last microsecond into year 10000.
    expect((await column('TIMESTAMP', [`'9999-12-31 23:59:59.999999'`, `'2300-01-01 00:00:00.000999'`])).values).toEqual([new Date('9999-12-31T23:59:59.999Z'), new Date('2300-01-01T00:00:00.000Z')]);
    expect((await column('TIMESTAMP_S', [`'2024-01-01 00:00:01'`, `'1900-01-01 00:00:00'`])).values).toEqual([new Date(ms('2024-01-01T00:00:01Z')), '1900-01-01 00:00:00']);
    expect((await column('TIMESTAMP_MS', [`'1960-05-05 05:05:05.005'`])).values).toEqual([new Date(ms('1960-05-05T05:05:05.005Z'))]);
    expect((await column('TIMESTAMP_NS', [`'2024-01-01 00:00:01.123456789'`])).values).toEqual([new Date(ms('2024-01-01T00:00:01.123Z'))]);
  });
});

describe('text in an XLSX cell', () => {
  it('is a string cell, never a formula; edge spaces, a leading tab and line breaks survive', async () => {
    const { values } = await column('VARCHAR', [`'=1+1'`, `'  padded  '`, `chr(9) || 'tab'`, `'linha 1' || chr(10) || 'linha 2'`, `'meio  espaço'`, 'NULL', `'fim'`]);
    expect(values).toEqual(['=1+1', '  padded  ', '\ttab', 'linha 1\nlinha 2', 'meio  espaço', null, 'fim']);
  });

  it('keeps a carriage return: CR LF and a lone CR read back as written, not as LF', async () => {
    // A raw CR in the XML reaches every reader as LF (XML's end-of-line handling); the old writer lost it.
    const { values } = await column('VARCHAR', [`'rua 1' || chr(13) || chr(10) || 'casa 2'`, `'a' || chr(13) || 'b'`, `chr(13)`]);
    expect(values).toEqual(['rua 1\r\ncasa 2', 'a\rb', '\r']);
  });

  it('characters XML cannot hold are shown as \\xNN instead of breaking the file', async () => {
    const { values } = await column('VARCHAR', [`'a' || chr(1) || 'b'`, `chr(31)`, `'x' || chr(11) || chr(12)`]);
    expect(values).toEqual(['a\\x01b', '\\x1f', 'x\\x0b\\x0c']);
  });

  it('is cut at 32,767 characters, Excel\'s limit, and Sobre says so; a text of exactly 32,767 is whole', async () => {
    const whole = await column('VARCHAR', [`repeat('a', 32767)`]);
    expect((whole.values[0] as string).length).toBe(32767);
    expect(whole.notices).toEqual([]);
    const cut = await column('VARCHAR', [`repeat('b', 32766) || 'cd'`]);
    expect(cut.values[0]).toBe(`${'b'.repeat(32766)}c`);
    expect(cut.notices).toEqual([NOTE_TRUNCATED]);
  });

  it('identifiers (cpf, cns, cep, ...) are text with their leading zeros, whatever their type', async () => {
    const { book } = await writeAndRead(connection, { dados: `SELECT '00123456789' AS cpf, 42::BIGINT AS cns, NULL::VARCHAR AS cep` });
    const sheet = sheetOf(book, 'dados');
    expect(columnValues(sheet, 'cpf')).toEqual(['00123456789']);
    expect(columnValues(sheet, 'cns')).toEqual(['42']);
    expect(columnValues(sheet, 'cep')).toEqual([null]);
  });

  it('other types are DuckDB\'s text: lists, structs, times, intervals, UUIDs', async () => {
    const { book } = await writeAndRead(connection, {
      dados: `SELECT [1, NULL, 3] AS l, {'x': 1} AS s, TIME '23:59:59' AS tm, INTERVAL 3 DAY AS iv, '5f2b4d1c-6a3e-4f5e-8c7d-1a2b3c4d5e6f'::UUID AS u, NULL::INTEGER[] AS vazio`,
    });
    const sheet = sheetOf(book, 'dados');
    expect(['l', 's', 'tm', 'iv', 'u', 'vazio'].map((h) => columnValues(sheet, h)[0])).toEqual(['[1, NULL, 3]', `{'x': 1}`, '23:59:59', '3 days', '5f2b4d1c-6a3e-4f5e-8c7d-1a2b3c4d5e6f', null]);
  });

  it('every kind of note is listed once in Sobre, each under "Observação"', async () => {
    const { book, summary } = await writeAndRead(connection, {
      dados: `SELECT 10000000000000000::BIGINT AS n, DATE '1800-01-01' AS d, repeat('z', 40000) AS t FROM range(2)`,
    });
    expect(summary.notices).toEqual([NOTE_DIGITS, NOTE_DATES, NOTE_TRUNCATED]);
    expect(aboutPairs(book).filter(([label]) => label === 'Observação').map(([, text]) => text)).toEqual([NOTE_DIGITS, NOTE_DATES, NOTE_TRUNCATED]);
  });
});
