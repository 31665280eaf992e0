// Comparing two snapshots of one table by its key: rows added, removed and changed, changes per
// column, and the changed rows side by side, masked. One audited job of the query runner (role,
// audit entry before anything runs, time limit, cancel): app-made SQL on a connection of its
// own, like a column profile, and for the same people (analysts: consulta explores no tables).
import { randomUUID } from 'node:crypto';
import { quotedString, type DuckDBConnection, type DuckDBDataChunk, type DuckDBMaterializedResult } from '@duckdb/node-api';
import { WorkbenchError } from '../api/index.ts';
import type { StatementStream } from '../engine/engine.ts';
import { rawSchemaForDate } from '../privacy/masked-views.ts';
import type { QueryRunner } from '../queries/query-runner.ts';
import { comparedColumns, countsSql, firstPassSql, repeatedKeysSql, rowsSql, stageSql, type DiffColumn, type DiffShape } from './diff-sql.ts';
import { diffKey } from './keys.ts';

export interface DiffRequest {
  table: string;
  /** The older snapshot's date (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Key columns; default the dictionary's `chave:` or the registry's key (keys.ts). */
  key?: readonly string[];
  queryId?: string;
  timeoutMs?: number;
}

export interface DiffSummary {
  table: string;
  from: string;
  to: string;
  key: string[];
  rowsBefore: number;
  rowsAfter: number;
  added: number;
  removed: number;
  /** Rows in both with at least one column changed. */
  changed: number;
  unchanged: number;
  /** Every compared (non-key) column, with the rows in both snapshots where it changed. */
  columns: { column: string; changed: number }[];
}

/** Reads the diff's results, in order: the summary (one row), changes per column, the rows side by side. */
export type DiffResultsReader = (results: AsyncIterable<StatementStream>) => Promise<void>;

async function columnsOf(connection: DuckDBConnection, schema: string, table: string): Promise<DiffColumn[]> {
  const reader = await connection.runAndReadAll(
    'SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = $schema AND table_name = $table ORDER BY column_index',
    { schema, table },
  );
  return (reader.getRowsJS() as [string, string][]).map(([name, type]) => ({ name, type }));
}

/** The shape of the comparison, from the two raw views' columns (metadata only: no data is read). */
async function diffShape(runner: QueryRunner, request: DiffRequest, from: string, to: string): Promise<DiffShape> {
  const [fromSchema, toSchema] = [rawSchemaForDate(from), rawSchemaForDate(to)];
  const connection = await runner.engine.appConnection();
  try {
    const before = await columnsOf(connection, fromSchema, request.table);
    const after = await columnsOf(connection, toSchema, request.table);
    for (const [columns, date] of [[before, from], [after, to]] as const) {
      if (columns.length === 0) throw new WorkbenchError({ code: 'not_found', message: `A tabela ${request.table} não existe no snapshot ${date}.` });
    }
    const older = new Set(before.map((c) => c.name));
    const columns = after.filter((c) => older.has(c.name));
    const entry = runner.engine.dataDictionary.tables.get(request.table);
    const key = diffKey(request.table, request.key, entry, new Set(columns.map((c) => c.name)));
    return { table: request.table, fromSchema, toSchema, key, columns, entry };
  } finally {
    connection.closeSync();
  }
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<number> {
  return Number((await connection.runAndReadAll(sql)).getRowsJS()[0]?.[0] ?? 0);
}

async function checkUniqueKey(connection: DuckDBConnection, shape: DiffShape, dates: Record<string, string>): Promise<void> {
  for (const [schema, date] of Object.entries(dates)) {
    const repeated = await scalar(connection, repeatedKeysSql(shape, schema));
    if (repeated > 0) {
      throw new WorkbenchError({
        code: 'data',
        message: `A chave (${shape.key.join(', ')}) de ${shape.table} se repete em ${repeated} valor(es) no snapshot ${date}: a comparação precisa de uma chave única (informe outra com --key).`,
      });
    }
  }
}

async function summaryOf(connection: DuckDBConnection, shape: DiffShape, counts: string, request: DiffRequest): Promise<DiffSummary> {
  const row = (await connection.runAndReadAll(counts)).getRowObjectsJS()[0] ?? {};
  const n = (name: string) => Number(row[name] ?? 0);
  const rowsBefore = n('linhas_antes');
  const [added, removed, changed] = [n('incluidas'), n('removidas'), n('alteradas')];
  return {
    table: shape.table,
    from: request.from,
    to: request.to,
    key: [...shape.key],
    rowsBefore,
    rowsAfter: n('linhas_depois'),
    added,
    removed,
    changed,
    unchanged: rowsBefore - removed - changed,
    columns: comparedColumns(shape).map((column, i) => ({ column: column.name, changed: n(`m${i}`) })),
  };
}

/** The summary and the changes per column as SQL values, so they reach every writer typed like any result. */
function summaryValuesSql(summary: DiffSummary): string {
  const s = summary;
  return `SELECT * FROM (VALUES (${quotedString(s.table)}, DATE ${quotedString(s.from)}, DATE ${quotedString(s.to)}, ${quotedString(s.key.join(', '))},
    ${s.rowsBefore}::BIGINT, ${s.rowsAfter}::BIGINT, ${s.added}::BIGINT, ${s.removed}::BIGINT, ${s.changed}::BIGINT, ${s.unchanged}::BIGINT))
    t(tabela, de, ate, chave, linhas_antes, linhas_depois, incluidas, removidas, alteradas, inalteradas)`;
}

function columnValuesSql(summary: DiffSummary): string {
  if (summary.columns.length === 0) return 'SELECT NULL::VARCHAR AS coluna, NULL::BIGINT AS alteradas WHERE false';
  const rows = summary.columns.map((c) => `(${quotedString(c.column)}, ${c.changed}::BIGINT)`).join(', ');
  return `SELECT * FROM (VALUES ${rows}) t(coluna, alteradas)`;
}

async function* chunksOf(result: DuckDBMaterializedResult): AsyncGenerator<DuckDBDataChunk> {
  for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) yield chunk;
}

// Materialised, not streamed: node-api ends a stream DuckDB stopped with an error like a finished
// one (engine/query.ts), and a month's changes are a small part of a table.
async function* diffResults(connection: DuckDBConnection, statements: readonly string[], timeZone: string): AsyncGenerator<StatementStream> {
  for (const [statementIndex, sql] of statements.entries()) {
    const result = await connection.run(sql);
    const columns = Array.from({ length: result.columnCount }, (_, i) => ({ name: result.columnName(i), type: result.columnType(i) }));
    yield { statementIndex, columns, timeZone, chunks: chunksOf(result) };
  }
}

/**
 * Compares `request.table` between two snapshots; gives `read` the summary, the changes per
 * column and the rows side by side (identifiers masked) while the connection is open.
 */
export async function diffTable(runner: QueryRunner, request: DiffRequest, read?: DiffResultsReader): Promise<DiffSummary> {
  runner.check({ action: 'profile', source: { kind: 'free' } });
  const from = runner.engine.snapshotInfo(request.from).date;
  const to = runner.engine.snapshotInfo(request.to).date;
  const shape = await diffShape(runner, request, from, to);
  const [firstPass, stage, counts, rows] = [firstPassSql(shape), stageSql(shape), countsSql(shape), rowsSql(shape)];
  const admitted = await runner.admit({
    action: 'query',
    source: { kind: 'free' },
    queryId: request.queryId ?? randomUUID(),
    sql: `${firstPass};\n${stage};\n${counts};\n${rows}`,
    snapshot: to,
    ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
  });
  return admitted.withConnection(async (connection) => {
    await checkUniqueKey(connection, shape, { [shape.fromSchema]: from, [shape.toSchema]: to });
    await connection.run(firstPass);
    await connection.run(stage);
    const summary = await summaryOf(connection, shape, counts, { ...request, from, to });
    if (read) await read(diffResults(connection, [summaryValuesSql(summary), columnValuesSql(summary), rows], runner.engine.timeZone));
    return summary;
  });
}
