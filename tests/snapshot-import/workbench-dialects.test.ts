// The Retratos screen's per-table dialect choices (importMonth's `dialects`): what was sniffed
// comes back with the outcome, a choice reaches the same import as the command's --dialetos,
// and a choice that names no table, an unknown value or a Parquet table is refused in
// Portuguese before anything is read.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { callWorkbench } from '../../main/core/api/requests.ts';
import type { ImportMonthOutcome } from '../../main/core/api/index.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { refusal } from '../support/refusal.ts';
import { CPFS, MATRICULA_CSV, dataDir, exportDir, latin1, parquetExport, run, tempDir } from './support.ts';
import { rejection } from '../support/rejection.ts';

// Whole reais with thousands dots and no cents, as some systems export money: `1.500` reads
// as one and a half unless the file is known to use the decimal comma. Nothing in the file
// says which; the sniffer sees more points than commas.
const AMBIGUOUS = [
  'pessoa_id;cpf;nome;data_nascimento;sexo;renda',
  `1;${CPFS[0]};Maria da Conceição;01/02/1980;F;1.500`,
  `2;${CPFS[1]};José Souza;15/07/2019;M;850`,
  `3;${CPFS[2]};Ana Lima;31/12/2000;F;12.000`,
].join('\n');

const opened: Workbench[] = [];
afterEach(async () => {
  for (const workbench of opened.splice(0)) await workbench.close();
});

async function workbenchOn(data: string): Promise<Workbench> {
  const workbench = await Workbench.open({ dataDir: data, stateDir: await tempDir('estado'), threads: 1 });
  opened.push(workbench);
  return workbench;
}

const importMonth = (workbench: Workbench, request: Record<string, unknown>) => callWorkbench(workbench, 'importMonth', request) as Promise<ImportMonthOutcome>;

async function renda(data: string, date: string): Promise<number[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT renda::DOUBLE FROM read_parquet('${path.join(data, 'snapshots', date, 'pessoa.parquet')}') ORDER BY pessoa_id`);
    return reader.getRowsJS().map((row) => Number(row[0]));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('dialects chosen in the Retratos screen', () => {
  it('shows what was sniffed, and a choice changes how the file is read: the ambiguous file is published right only with it', async () => {
    const data = await dataDir();
    const from = await exportDir({ 'pessoa.csv': latin1(AMBIGUOUS), 'matricula.csv': MATRICULA_CSV });
    const workbench = await workbenchOn(data);

    const sniffed = await importMonth(workbench, { from, date: '2026-10-31', publish: false });
    expect(sniffed.tables.find((t) => t.table === 'pessoa')?.dialect).toEqual({ encoding: 'latin-1', delimiter: ';', decimalComma: false, dateFormat: '%d/%m/%Y', header: true });

    expect((await importMonth(workbench, { from, date: '2026-10-31', publish: true })).published).toBe(true);
    expect(await renda(data, '2026-10-31')).toEqual([1.5, 850, 12]);

    const chosen = await importMonth(workbench, { from, date: '2026-11-30', publish: true, dialects: { pessoa: { decimalComma: true } } });
    expect(chosen.published).toBe(true);
    expect(chosen.tables.find((t) => t.table === 'pessoa')?.dialect).toMatchObject({ encoding: 'latin-1', decimalComma: true });
    expect(await renda(data, '2026-11-30')).toEqual([1500, 850, 12000]);
  });

  it('refuses, in Portuguese and before reading anything, a table not in the dictionary, an unknown value, a value of the wrong type, a Parquet table', async () => {
    const data = await dataDir();
    const workbench = await workbenchOn(data);
    const from = await exportDir({ 'pessoa.csv': latin1(AMBIGUOUS), 'matricula.csv': MATRICULA_CSV });
    const snapshots = () => readdir(path.join(data, 'snapshots'));
    const before = await snapshots();
    for (const [dialects, message] of [
      [{ pessoas: { header: true } }, /^Opções de leitura para pessoas, que não é tabela do dicionário de dados\. Nada foi importado\.$/],
      [{ pessoa: { encoding: 'ebcdic' } }, /^Opções de leitura da tabela pessoa: codificação inválida: ebcdic \(use utf-8, latin-1 ou windows-1252\)\. Nada foi importado\.$/],
      [{ pessoa: { delimiter: ':' } }, /^Opções de leitura da tabela pessoa: delimitador inválido: ":" \(use ; , \| ou tab\)\. Nada/],
      [{ pessoa: { dateFormat: 'aaaa' } }, /^Opções de leitura da tabela pessoa: formato de data inválido: aaaa/],
      [{ pessoa: { aspas: 'simples' } }, /^Opções de leitura da tabela pessoa: opção desconhecida aspas/],
      [{ pessoa: { decimalComma: 'talvez' } }, /^Pedido inválido \(importMonth\): «dialects\.pessoa\.decimalComma» deve ser verdadeiro ou falso/],
    ] as const) {
      const refused = await refusal(importMonth(workbench, { from, date: '2026-10-31', publish: true, dialects }));
      expect(refused.code, JSON.stringify(dialects)).toBe('parameter');
      expect(refused.message).toMatch(message);
    }
    const parquet = await parquetExport();
    expect((await refusal(importMonth(workbench, { from: parquet, date: '2026-10-31', publish: true, dialects: { pessoa: { header: true } } }))).message).toBe(
      'Opções de leitura de CSV para pessoa, que veio em Parquet. Nada foi importado.',
    );
    // The command's --dialetos file is checked by the same code.
    expect((await rejection(run({ fromDir: from, dataDir: data, options: { defaults: {}, perTable: { pessoas: { header: true } } } }))).message).toMatch(/pessoas, que não é tabela do dicionário/);
    expect(await snapshots()).toEqual(before);
  });
});
