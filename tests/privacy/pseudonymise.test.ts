// The pseudonymised tier, written by the real command: joins give the raw tier's counts
// (tokens are the same for the same value in every table), and no real CPF, CNS, NIS or
// name is left in any file, decoded or as raw bytes.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Engine } from '../../main/core/engine/engine.ts';
import { loadDictionary } from '../../main/core/registry/dictionary.ts';
import { runCli } from '../support/run-cli.ts';
import { leaksInText, readRealIdentifiers } from './support.ts';
import type { RealIdentifiers } from './support.ts';

const inDir = inject('sampleRegistryDir');
let scratch: string;
let outDir: string;
let keyFile: string;
let real: RealIdentifiers;
let instance: DuckDBInstance;
let connection: DuckDBConnection;

async function scalar(sql: string): Promise<unknown> {
  return (await connection.runAndReadAll(sql)).getRowsJS()[0]?.[0];
}

function tier(dir: string, date: string) {
  return (table: string) => `read_parquet('${path.join(dir, 'snapshots', date, `${table}.parquet`)}')`;
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-privacy-pseudo-'));
  outDir = path.join(scratch, 'pseudo');
  keyFile = path.join(scratch, 'chave');
  await writeFile(keyFile, randomBytes(32));
  real = await readRealIdentifiers(inDir);
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  const result = await runCli(['snapshot', 'pseudonymise', '--in', inDir, '--out', outDir, '--key-file', keyFile]);
  if (result.code !== 0) throw new Error(result.stderr);
});

afterAll(async () => {
  connection?.closeSync();
  instance?.closeSync();
  await rm(scratch, { recursive: true, force: true });
});

describe('mirante snapshot pseudonymise', () => {
  it('refuses a short or missing key, and writing into its input', async () => {
    const short = path.join(scratch, 'curta');
    await writeFile(short, randomBytes(31));
    const attempts = [
      [['--out', path.join(scratch, 'x1'), '--key-file', short], /31 bytes.*ao menos 32/],
      [['--out', path.join(scratch, 'x2'), '--key-file', path.join(scratch, 'nao-existe')], /chave não encontrado/],
      [['--out', path.join(inDir, 'pseudo'), '--key-file', keyFile], /não pode ficar dentro da entrada/],
      [['--out', inDir, '--key-file', keyFile], /não pode ficar dentro da entrada/],
    ] as const;
    for (const [args, message] of attempts) {
      const result = await runCli(['snapshot', 'pseudonymise', '--in', inDir, ...args]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
    }
    expect(existsSync(path.join(inDir, 'pseudo'))).toBe(false);
    expect(existsSync(path.join(scratch, 'x1', 'snapshots'))).toBe(false);
  });

  it('keeps the counts of joins across pessoa, matricula, agendamento and on tokens', async () => {
    const dates = await readdir(path.join(inDir, 'snapshots'));
    expect(await readdir(path.join(outDir, 'snapshots'))).toEqual(dates);
    for (const date of dates) {
      const counts = [];
      for (const t of [tier(inDir, date), tier(outDir, date)]) {
        counts.push([
          await scalar(`SELECT count(*) FROM ${t('pessoa')} p JOIN ${t('matricula')} m USING (pessoa_id) JOIN ${t('agendamento')} a USING (pessoa_id)`),
          await scalar(`SELECT count(*) FROM ${t('pessoa')} p JOIN ${t('vinculo')} v ON v.id_origem = p.nis WHERE v.sistema = 'cadunico'`),
          await scalar(`SELECT count(DISTINCT cpf) FROM ${t('pessoa')}`),
          await scalar(`SELECT count(*) FROM ${t('contribuinte')} WHERE tipo = 'PJ' AND mei IS NOT TRUE AND nome IS NOT NULL`),
        ]);
      }
      expect(counts[1]).toEqual(counts[0]);
      // A company's name stays; an MEI's (its owner's name and CPF) is dropped like a person's.
      const meiNames = (t: (table: string) => string) => scalar(`SELECT count(*) FROM ${t('contribuinte')} WHERE mei AND nome IS NOT NULL`);
      expect(Number(await meiNames(tier(inDir, date)))).toBeGreaterThan(0);
      expect(Number(await meiNames(tier(outDir, date)))).toBe(0);
      expect(Number(counts[0]?.[0])).toBeGreaterThan(0);
      expect(Number(counts[0]?.[1])).toBeGreaterThan(0);
    }
    // The workbench opens the tier as any data dir, and the join holds there too.
    const engine = await Engine.open({ dataDir: outDir, threads: 1 });
    try {
      let viaEngine: unknown;
      for await (const statement of engine.execute({ sql: 'select count(*) from pessoa join matricula using (pessoa_id) join agendamento using (pessoa_id)', queryId: 'j' })) {
        for await (const chunk of statement.chunks) viaEngine = chunk.getRows()[0]?.[0];
      }
      const newest = dates.at(-1) as string;
      const t = tier(inDir, newest);
      expect(viaEngine).toBe(await scalar(`SELECT count(*) FROM ${t('pessoa')} p JOIN ${t('matricula')} m USING (pessoa_id) JOIN ${t('agendamento')} a USING (pessoa_id)`));
    } finally {
      await engine.close();
    }
  });

  it('leaves no real identifier in any file, decoded or as bytes', async () => {
    let textCells = 0;
    for (const date of await readdir(path.join(outDir, 'snapshots'))) {
      for (const file of await readdir(path.join(outDir, 'snapshots', date))) {
        const full = path.join(outDir, 'snapshots', date, file);
        const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM '${full}'`)).getRowsJS() as [string, string][];
        for (const [name, type] of columns.filter(([, type]) => type === 'VARCHAR')) {
          const values = (await connection.runAndReadAll(`SELECT DISTINCT "${name}" FROM '${full}' WHERE "${name}" IS NOT NULL`)).getRowsJS().map((r) => String(r[0]));
          textCells += values.length;
          const leaks = values.filter((v) => real.numbers.has(v) || real.numbers.has(v.replace(/\D/g, '')) || real.names.has(v));
          expect(leaks, `${date}/${file}.${name} (${type})`).toEqual([]);
        }
        expect(leaksInText((await readFile(full)).toString('latin1'), real, Infinity), full).toEqual([]);
      }
    }
    expect(textCells).toBeGreaterThan(10_000);
  });

  it('keeps birth dates to the month and says what changed in the dictionary', async () => {
    const t = tier(outDir, (await readdir(path.join(outDir, 'snapshots'))).at(-1) as string);
    expect(await scalar(`SELECT count(*) FROM ${t('pessoa')} WHERE day(data_nascimento) <> 1`)).toBe(0n);
    expect(await scalar(`SELECT count(*) FROM ${t('pessoa')} WHERE nome IS NOT NULL OR nome_mae IS NOT NULL`)).toBe(0n);
    expect(await scalar(`SELECT count(*) FROM ${t('pessoa')} WHERE regexp_full_match(cpf, '[0-9a-f]{32}')`)).toBe(await scalar(`SELECT count(cpf) FROM ${t('pessoa')}`));
    const text = await readFile(path.join(outDir, 'dicionario.yaml'), 'utf8');
    expect(text).toContain('camada: pseudonimizada');
    const dictionary = await loadDictionary(outDir);
    expect(dictionary.tables.get('pessoa')?.columns.get('cpf')?.description).toContain('token HMAC-SHA256');
    expect(dictionary.tables.get('pessoa')?.columns.get('nome')?.description).toContain('sempre nulo');
    expect(dictionary.tables.get('pessoa')?.columns.get('data_nascimento')?.description).toContain('primeiro dia do mês');
  });
});
