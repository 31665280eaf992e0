import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import type { Workbench } from '../core/workbench.ts';
import { generateRegistry } from '../../sample-data/generator/index.ts';
import { bareChunksOnly, bareReadAll, openBareDuckDB } from './bare-duckdb.ts';
import { compareMedians, medianMs, printCase, round } from './measure.ts';
import { firstBatchMs, runCorePath } from './workbench-path.ts';

/**
 * Heavy enough (a join of 1.5 M appointments at SF 1, some 100s of ms) that the ratio measures
 * what the workbench adds per row, not its fixed cost per query (query_fixed_cost).
 */
export const AGGREGATE_SQL = `
  select p.bairro, a.tipo, a.situacao, count(*) as agendamentos, min(a.data_hora) as primeiro, max(a.data_hora) as ultimo
  from agendamento a join pessoa p using (pessoa_id)
  group by all order by all`;

/** A query DuckDB answers in well under a millisecond: what is left is the path's fixed cost. */
const TRIVIAL_SQL = 'select 42 as n';

/** 1M rows × 8 columns of the usual kinds: integers, double, decimal, date, timestamp, short and long text. */
export const MILLION_ROWS_SQL = `
  select i as id, i % 97 as grupo, i * 1.5 as valor, (i % 100000)::decimal(14,2) / 100 as saldo,
         date '2020-01-01' + (i % 2000)::integer as data, timestamp '2026-01-01' + to_seconds(i) as momento,
         'B' || (i % 40) as curto, 'Logradouro de exemplo número ' || i as longo
  from range(1000000) t(i)`;

export async function queryOverheadCases(workbench: Workbench, dataDir: string, snapshot: string): Promise<void> {
  const bare = await openBareDuckDB(dataDir, snapshot);
  try {
    const [wbTrivial, bareTrivial] = (await compareMedians([
      () => runCorePath(workbench.runner, TRIVIAL_SQL),
      () => bareReadAll(bare, TRIVIAL_SQL),
    ], 21, 3)) as [number, number];
    printCase('query_fixed_cost', { workbench_ms: round(wbTrivial), bare_ms: round(bareTrivial), fixed_ms: round(wbTrivial - bareTrivial) });

    const [wbAgg, bareAgg] = (await compareMedians([
      () => runCorePath(workbench.runner, AGGREGATE_SQL),
      () => bareReadAll(bare, AGGREGATE_SQL),
    ], 9, 2)) as [number, number];
    printCase('query_overhead_aggregate', { workbench_ms: round(wbAgg), bare_ms: round(bareAgg), ratio: round(wbAgg / bareAgg) });

    const [wb1m, bare1m, floor1m] = (await compareMedians([
      () => runCorePath(workbench.runner, MILLION_ROWS_SQL),
      () => bareReadAll(bare, MILLION_ROWS_SQL),
      () => bareChunksOnly(bare, MILLION_ROWS_SQL),
    ], 3, 1)) as [number, number, number];
    printCase('query_overhead_1m_rows', {
      workbench_ms: round(wb1m),
      bare_ms: round(bare1m),
      floor_ms: round(floor1m),
      ratio: round(wb1m / bare1m),
      floor_ratio: round(wb1m / floor1m),
    });

    await arrowVsJson(workbench, bare);
  } finally {
    bare.disconnectSync();
  }
}

/** Registry rows as they are: ids, CPF/CNS, names, dates, categories (451,500 rows at SF 1). */
export const REGISTRY_ROWS_SQL = 'select * from pessoa';

async function arrowVsJson(workbench: Workbench, bare: Awaited<ReturnType<typeof openBareDuckDB>>): Promise<void> {
  const { tables } = await runCorePath(workbench.runner, REGISTRY_ROWS_SQL);
  const reader = await bare.runAndReadAll(REGISTRY_ROWS_SQL);
  const rows = reader.getRowObjectsJson();
  let ipcBytes = 0;
  let jsonBytes = 0;
  const arrowMs = await medianMs(async () => {
    ipcBytes = 0;
    for (const table of tables) {
      const bytes = tableToIPC(table as Table, 'stream');
      ipcBytes += bytes.byteLength;
      tableFromIPC(bytes);
    }
  }, 3);
  const jsonMs = await medianMs(async () => {
    const text = JSON.stringify(rows);
    jsonBytes = Buffer.byteLength(text);
    JSON.parse(text);
  }, 3);
  printCase('arrow_vs_json', {
    rows: rows.length,
    arrow_ms: round(arrowMs),
    json_ms: round(jsonMs),
    arrow_bytes: ipcBytes,
    json_bytes: jsonBytes,
    speedup: round(jsonMs / arrowMs),
    size_ratio: round(jsonBytes / ipcBytes),
  });
}

export async function firstRowsCase(workbench: Workbench): Promise<void> {
  const sql = (n: number) => `select i, i * 1.5 as valor, 'linha ' || i as texto from range(${n}) t(i)`;
  const first = async (n: number) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(await firstBatchMs(workbench, sql(n)));
    times.sort((a, b) => a - b);
    return times[2] as number;
  };
  const small = await first(1_000);
  const large = await first(10_000_000);
  printCase('first_rows_10m', { first_batch_10m_ms: round(large), first_batch_1k_ms: round(small), ratio: round(large / small) });
}

export async function generateCase(): Promise<void> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-bench-sf1-'));
  try {
    const result = await generateRegistry({ scale: 1, seed: 42, outDir });
    printCase('generate_sf1', { seconds: round(result.seconds), bytes: result.bytes, files: result.files });
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
