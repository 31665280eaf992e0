import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBResult } from '@duckdb/node-api';
import { readdirSync } from 'node:fs';

/** Plain @duckdb/node-api over the same Parquet files: the baseline every ratio is measured against. */
export async function openBareDuckDB(dataDir: string, snapshot: string): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const folder = path.join(dataDir, 'snapshots', snapshot);
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.parquet'))) {
    const table = file.replace(/\.parquet$/, '');
    const quotedPath = path.join(folder, file).replaceAll("'", "''");
    await connection.run(`create view "${table}" as select * from read_parquet('${quotedPath}')`);
  }
  return connection;
}

/** The usual way to read a result in node-api: materialise, then JS values per column. */
export async function bareReadAll(connection: DuckDBConnection, sql: string): Promise<number> {
  const reader = await connection.runAndReadAll(sql);
  const columns = reader.getColumnsJS();
  return columns[0]?.length ?? 0;
}

/** The physical floor: DuckDB materialises the result and we touch every chunk, making no JS values. */
export async function bareChunksOnly(connection: DuckDBConnection, sql: string): Promise<number> {
  return countChunkRows(await connection.run(sql));
}

/** Reads every chunk of a result, making no JS values; returns the row count. */
export async function countChunkRows(result: DuckDBResult): Promise<number> {
  let rows = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    rows += chunk.rowCount;
  }
  return rows;
}
