// Conformance: what `mirante query` prints for a value is what DuckDB computed. Over a thousand
// expressions of every type family (tests/conformance/expressions.ts) run through the command
// line's own path (the query runner, Arrow, the text writers of main/cli/commands/query.ts),
// in two time zones, UTC and São Paulo (across its daylight-saving changes), and compared with
// DuckDB's own `::VARCHAR` of the same expression in the same zone: csv byte for byte; csv-br
// and json by the mapping README.md documents (decimal comma, dd/mm/aaaa, wall clock without
// offset; JSON numbers, ISO-8601 instants with their offset).
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeText } from '../../main/cli/commands/query.ts';
import type { OutputSink } from '../../main/cli/output.ts';
import type { TextFormat } from '../../main/core/format/index.ts';
import { openQuerySession, type QuerySession } from '../../main/core/queries/query-session.ts';
import { conformanceExpressions, type Expression } from './expressions.ts';

const GROUP = 60;
const quoteSql = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const expressions = conformanceExpressions();
const groups: Expression[][] = [];
for (let i = 0; i < expressions.length; i += GROUP) groups.push(expressions.slice(i, i + GROUP));

function memorySink(): OutputSink & { text(): string } {
  let out = '';
  return {
    guardFormulas: false,
    async write(data) {
      out += typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
    },
    async commit() {},
    async abort() {},
    text: () => out,
  };
}

/** RFC 4180 fields of a CSV text: an empty unquoted field is NULL, `""` the empty string. */
function parseCsv(text: string, separator: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    let field: string | null;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        value += text.slice(i, close);
        i = close + 1;
        if (text[i] === '"') {
          value += '"';
          i++;
        } else break;
      }
      field = value;
    } else {
      let end = i;
      while (end < text.length && text[end] !== separator && text[end] !== '\r') end++;
      field = end === i ? null : text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (text[i] === separator) {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    i += 2;
    if (i >= text.length) return rows;
  }
}

const FRACTION_DIGITS: Record<string, number> = { TIMESTAMP_S: 0, TIMESTAMP_MS: 3, TIMESTAMP: 6, TIMESTAMPTZ: 6, TIMESTAMP_NS: 9 };

/** csv-br's documented mapping of DuckDB's text (README.md, "Formats"). */
function brazilian(family: string, text: string): string {
  if (family === 'DOUBLE' || family === 'FLOAT' || family === 'DECIMAL') return text.replace(/^(-?)\./, '$10.').replace('.', ',');
  if (family === 'TIME' || family === 'TIME_NS') return text.replace('.', ',');
  if (family === 'BOOLEAN/NULL' && (text === 'true' || text === 'false')) return text === 'true' ? 'verdadeiro' : 'falso';
  if (family === 'DATE') {
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    return date ? `${date[3]}/${date[2]}/${date[1]}` : text;
  }
  const digits = FRACTION_DIGITS[family];
  if (digits !== undefined) {
    const stamp = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:[+-]\d{2}(?::\d{2})?)?$/.exec(text);
    if (!stamp) return text;
    const fraction = stamp[5] ? `,${stamp[5].padEnd(digits, '0')}` : '';
    return `${stamp[3]}/${stamp[2]}/${stamp[1]} ${stamp[4]}${fraction}`;
  }
  return text;
}

const NUMBERS = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT', 'DECIMAL', 'DOUBLE', 'FLOAT']);
const NON_FINITE: Record<string, string> = { nan: 'NaN', '-nan': 'NaN', inf: 'Infinity', '-inf': '-Infinity' };
const TEXTUAL = new Set(['VARCHAR', 'UUID', 'ENUM', 'DATE', 'TIME', 'TIME_NS', 'TIMETZ', 'INTERVAL', 'BIT', 'BLOB', 'GEOMETRY']);

/**
 * json's documented mapping: numbers as JSON numbers (NaN and the infinities as strings), text
 * and dates as DuckDB prints them, timestamps in ISO-8601 (`T`), a TIMESTAMPTZ with its offset
 * naming the same instant DuckDB's `epoch_us` gives. Returns why `got` is wrong, or null.
 */
function jsonMismatch(family: string, text: string | null, got: unknown, epochUs: bigint | null): string | null {
  if (text === null) return got === null ? null : 'NULL esperado';
  if (NUMBERS.has(family)) {
    const expected = NON_FINITE[text] ?? Number(text);
    return got === expected ? null : `esperado ${String(expected)}`;
  }
  if (TEXTUAL.has(family) || family === 'VARCHAR') return got === text ? null : `esperado ${JSON.stringify(text)}`;
  if (family === 'BOOLEAN/NULL') return got === (text === 'true') ? null : `esperado ${text}`;
  if (family.startsWith('TIMESTAMP') && family !== 'TIMESTAMPTZ') {
    const expected = text.replace(/ (\d{2}:\d{2})/, 'T$1');
    return got === expected ? null : `esperado ${expected}`;
  }
  if (family === 'TIMESTAMPTZ') {
    if (typeof got !== 'string') return 'texto esperado';
    const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(got);
    if (!iso) return /^\d{4}-/.test(text) && !text.includes('(BC)') && text.length < 40 && !/^\d{4}-\d{2}-\d{2} /.test(text) ? 'ISO-8601 esperado' : null;
    const [, day, clock, fraction = '', offset] = iso;
    const ms = Date.parse(`${day}T${clock}${offset}`);
    const us = BigInt(ms) * 1000n + BigInt((fraction.slice(1) || '0').padEnd(6, '0').slice(0, 6));
    return us === epochUs ? null : `instante ${String(us)} em vez de ${String(epochUs)}`;
  }
  return null;
}

for (const zone of ['UTC', 'America/Sao_Paulo']) {
  describe(`values as DuckDB gives them, in ${zone}`, () => {
    let session: QuerySession;
    let oracle: DuckDBConnection;

    beforeAll(async () => {
      const audit = await mkdtemp(path.join(os.tmpdir(), 'mirante-conformance-'));
      session = await openQuerySession({ dataDir: inject('sampleRegistryDir'), timeZone: zone, threads: 1, auditLog: path.join(audit, 'auditoria.jsonl') });
      oracle = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
      await oracle.run(`SET TimeZone = '${zone}'`);
    });

    afterAll(async () => {
      oracle?.closeSync();
      await session?.close();
    });

    async function printed(group: Expression[], format: TextFormat): Promise<string> {
      const sink = memorySink();
      const sql = `SELECT ${group.map((e, i) => `${e.sql} AS c${i}`).join(', ')}`;
      await writeText(session.runner, { action: 'query', source: { kind: 'free' }, sql, params: {}, queryId: `conformance-${zone}-${format}` }, format, sink);
      return sink.text();
    }

    async function duckdbText(group: Expression[]): Promise<{ text: (string | null)[]; epochUs: (bigint | null)[] }> {
      const sql = `SELECT ${group.map((e, i) => `${e.sql} AS c${i}`).join(', ')}`;
      const text = group.map((_, i) => `c${i}::VARCHAR`);
      const epochs = group.map((e, i) => (e.family === 'TIMESTAMPTZ' ? `CASE WHEN isfinite(c${i}) THEN epoch_us(c${i}) END` : 'NULL::BIGINT'));
      const row = (await oracle.runAndReadAll(`SELECT ${[...text, ...epochs].join(', ')} FROM (${sql})`)).getRowsJS()[0] as unknown[];
      return { text: row.slice(0, group.length) as (string | null)[], epochUs: row.slice(group.length) as (bigint | null)[] };
    }

    it(`has over a thousand expressions over every type family (${expressions.length})`, () => {
      expect(expressions.length).toBeGreaterThanOrEqual(1000);
      expect(new Set(expressions.map((e) => e.family)).size).toBeGreaterThanOrEqual(20);
    });

    it('gives each TIMESTAMPTZ instant back when its csv and json text are read again (1914 on, whole-minute offsets)', async () => {
      const sql = 'SELECT make_timestamp((i * 7919 * 1000003 % 4000000000000000 - 1700000000000000)::BIGINT)::TIMESTAMPTZ AS t FROM range(0, 400) t(i)';
      const job = { action: 'query' as const, source: { kind: 'free' as const }, sql, params: {}, queryId: `roundtrip-${zone}` };
      const csvSink = memorySink();
      await writeText(session.runner, job, 'csv', csvSink);
      const jsonSink = memorySink();
      await writeText(session.runner, job, 'json', jsonSink);
      const texts = parseCsv(csvSink.text(), ',').slice(1).map((row) => row[0] as string);
      const isos = jsonSink.text().trim().split('\n').map((line) => (JSON.parse(line) as { t: string }).t);
      const want = (await oracle.runAndReadAll(`SELECT epoch_us(t) FROM (${sql})`)).getColumnsJS()[0] as bigint[];
      const values = [...texts, ...isos].map((text) => `(${quoteSql(text)})`).join(', ');
      const back = (await oracle.runAndReadAll(`SELECT epoch_us(x::TIMESTAMPTZ) FROM (VALUES ${values}) v(x)`)).getColumnsJS()[0] as bigint[];
      expect(back).toEqual([...want, ...want]);
    });

    it.each(groups.map((group, i) => [i + 1, group] as const))('group %i: csv, csv-br and json say what DuckDB says', async (_n, group) => {
      const { text, epochUs } = await duckdbText(group);
      const wrong: string[] = [];
      const csv = parseCsv(await printed(group, 'csv'), ',')[1] ?? [];
      const br = parseCsv(await printed(group, 'csv-br'), ';')[1] ?? [];
      const json = JSON.parse((await printed(group, 'json')).trim()) as Record<string, unknown>;
      group.forEach((e, i) => {
        const want = text[i] ?? null;
        if (csv[i] !== want) wrong.push(`csv ${e.sql}: DuckDB ${JSON.stringify(want)}, Mirante ${JSON.stringify(csv[i])}`);
        const wantBr = want === null ? null : brazilian(e.family, want);
        if (br[i] !== wantBr) wrong.push(`csv-br ${e.sql}: esperado ${JSON.stringify(wantBr)}, Mirante ${JSON.stringify(br[i])}`);
        const why = jsonMismatch(e.family, want, json[`c${i}`], epochUs[i] ?? null);
        if (why) wrong.push(`json ${e.sql}: ${why}, Mirante ${JSON.stringify(json[`c${i}`])}`);
      });
      expect(wrong).toEqual([]);
    });
  });
}
