// A column profile: nulls, distinct values, min/max as DuckDB renders them, and a small
// histogram (equal-width bins for numbers and dates, the most frequent values otherwise).
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { DuckDBTypeId, quotedIdentifier } from '@duckdb/node-api';
import { WorkbenchError, type ColumnProfile, type HistogramBin, type ProfileSource } from '../api/index.ts';
import type { Engine } from '../engine/engine.ts';
import type { ResultStore } from '../results/result-store.ts';

const BINS = 12;
const TOP_VALUES = 10;

const NUMERIC = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT, DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT, DuckDBTypeId.DOUBLE, DuckDBTypeId.DECIMAL,
]);
const TEMPORAL = new Set<DuckDBTypeId>([
  DuckDBTypeId.DATE, DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_TZ, DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS, DuckDBTypeId.TIMESTAMP_NS,
]);

export interface ProfileTarget {
  /** A FROM-able relation, already quoted. */
  relation: string;
  /** The column expression, already quoted. */
  column: string;
  name: string;
  type: DuckDBType;
  /** What the profile reads, as the audit log records it. */
  describe: string;
}

/** What a profile request reads: a kept result's column, or a registry table's (its masked view). */
export async function profileTarget(engine: Engine, results: ResultStore, request: ProfileSource): Promise<ProfileTarget> {
  if (request.kind === 'result') {
    const kept = results.get(request);
    const column = kept.columnType(request.column);
    if (!column) throw new WorkbenchError({ code: 'not_found', message: `Coluna ${request.column} não existe neste resultado.` });
    const stored = kept.storedColumn(request.column);
    return { relation: kept.table, column: stored, name: column.name, type: column.type, describe: `-- perfil da coluna ${column.name} do resultado ${request.queryId}` };
  }
  const catalog = await engine.catalog(request.snapshot);
  const table = catalog.find((t) => t.name === request.table);
  const column = table?.columns.find((c) => c.name === request.column);
  if (!table || !column) {
    throw new WorkbenchError({ code: 'not_found', message: `Coluna desconhecida: ${request.table}.${request.column}` });
  }
  const relation = `${engine.snapshotSchema(request.snapshot)}.${quotedIdentifier(table.name)}`;
  const select = `SELECT ${quotedIdentifier(column.name)} FROM ${relation}`;
  const [described] = await engine.describe({ sql: select, queryId: `perfil-${table.name}`, ...(request.snapshot ? { snapshot: request.snapshot } : {}) });
  if (!described?.duckdbType) throw new WorkbenchError({ code: 'internal', message: `Coluna sem tipo: ${request.table}.${request.column}` });
  return { relation, column: quotedIdentifier(column.name), name: column.name, type: described.duckdbType, describe: select };
}

async function rows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql)).getRowsJS() as unknown[][];
}

export async function profileColumn(connection: DuckDBConnection, target: ProfileTarget): Promise<ColumnProfile> {
  const { relation, column } = target;
  const [stats] = await rows(
    connection,
    `SELECT count(*), count(${column}), count(DISTINCT ${column}), min(${column})::VARCHAR, max(${column})::VARCHAR FROM ${relation}`,
  );
  const [rowCount, nonNull, distinct, min, max] = stats ?? [];
  return {
    name: target.name,
    type: target.type.toString(),
    rowCount: Number(rowCount ?? 0),
    nullCount: Number(rowCount ?? 0) - Number(nonNull ?? 0),
    distinctCount: Number(distinct ?? 0),
    min: (min as string | null) ?? null,
    max: (max as string | null) ?? null,
    histogram: await histogram(connection, target),
  };
}

async function histogram(connection: DuckDBConnection, target: ProfileTarget): Promise<HistogramBin[]> {
  const typeId = target.type.typeId;
  if (NUMERIC.has(typeId)) return equalWidth(connection, target, `${target.column}::DOUBLE`, (v) => formatNumber(v));
  if (TEMPORAL.has(typeId)) {
    const asEpoch = `epoch(${target.column}::TIMESTAMP)`;
    return equalWidth(connection, target, asEpoch, (v) => new Date(v * 1000).toISOString().slice(0, 10));
  }
  const top = await rows(
    connection,
    `SELECT ${target.column}::VARCHAR AS valor, count(*) AS n FROM ${target.relation}
     WHERE ${target.column} IS NOT NULL GROUP BY ALL ORDER BY n DESC, valor LIMIT ${TOP_VALUES}`,
  );
  return top.map(([label, count]) => ({ label: String(label), count: Number(count) }));
}

async function equalWidth(
  connection: DuckDBConnection,
  target: ProfileTarget,
  value: string,
  label: (v: number) => string,
): Promise<HistogramBin[]> {
  const found = await rows(
    connection,
    `WITH v AS (SELECT ${value} AS x FROM ${target.relation} WHERE ${target.column} IS NOT NULL),
          r AS (SELECT min(x) AS lo, max(x) AS hi FROM v)
     SELECT least(floor((x - lo) / nullif(hi - lo, 0) * ${BINS}), ${BINS - 1})::INTEGER AS bin, any_value(lo), any_value(hi), count(*)
     FROM v, r WHERE isfinite(x) GROUP BY bin ORDER BY bin`,
  );
  if (found.length === 0) return [];
  const lo = Number(found[0]?.[1]);
  const hi = Number(found[0]?.[2]);
  const width = (hi - lo) / BINS;
  const counts = new Map(found.map(([bin, , , count]) => [bin === null ? 0 : Number(bin), Number(count)]));
  if (width === 0) return [{ label: label(lo), count: counts.get(0) ?? 0 }];
  return Array.from({ length: BINS }, (_, bin) => ({
    label: `${label(lo + bin * width)} – ${label(lo + (bin + 1) * width)}`,
    count: counts.get(bin) ?? 0,
  }));
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 1000 || Number.isInteger(value) ? String(Math.round(value)) : value.toPrecision(4);
}
