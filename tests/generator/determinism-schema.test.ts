// The generator's files: byte-identical whatever the thread count, and exactly the dictionary's schema.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRegistry, type GenerateProgress, type GenerateResult } from '../../sample-data/generator/index.ts';
import { loadDictionary, PRIVACIDADES, type Dictionary } from '../../sample-data/generator/dictionary.ts';
import { makeTempDir, openReader, parquet, removeDir, SCALE, SEED, type Reader } from './helpers.ts';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('generateRegistry: determinism, layout and schema', () => {
  let oneThread: string;
  let twoThreads: string;
  let result: GenerateResult;
  let progress: GenerateProgress[];
  let dictionary: Dictionary;
  let reader: Reader;

  beforeAll(async () => {
    oneThread = await makeTempDir('gen-t1');
    twoThreads = await makeTempDir('gen-t2');
    progress = [];
    result = await generateRegistry({ scale: SCALE, seed: SEED, outDir: oneThread, threads: 1, onProgress: (p) => progress.push(p) });
    await generateRegistry({ scale: SCALE, seed: SEED, outDir: twoThreads, threads: 2 });
    dictionary = await loadDictionary();
    reader = await openReader();
  });

  afterAll(async () => {
    reader?.close();
    await removeDir(oneThread);
    await removeDir(twoThreads);
  });

  it('writes one Parquet file per dictionary table in each of the two fixed snapshots', () => {
    expect(result.snapshots).toEqual(['2026-09-30', '2026-10-31']);
    const tables = Object.keys(dictionary.tabelas).sort();
    for (const date of result.snapshots) {
      const files = readdirSync(join(oneThread, 'snapshots', date)).sort();
      expect(files).toEqual(tables.map((t) => `${t}.parquet`).sort());
    }
    expect(result.files).toBe(tables.length * 2);
    expect(result.bytes).toBeGreaterThan(0);
    // Nothing but the dated folders is left under snapshots/ (no staging folder).
    expect(readdirSync(join(oneThread, 'snapshots')).sort()).toEqual(result.snapshots);
    expect(readFileSync(join(oneThread, 'dicionario.yaml'), 'utf8')).toContain('versao: 1');
  });

  it('gives byte-identical files with one thread and with two', () => {
    for (const date of result.snapshots) {
      for (const table of Object.keys(dictionary.tabelas)) {
        const name = `${date}/${table}.parquet`;
        expect(sha256(join(twoThreads, 'snapshots', name)), name).toBe(sha256(join(oneThread, 'snapshots', name)));
      }
    }
  });

  it('reports progress step by step up to the total', () => {
    const last = progress[progress.length - 1];
    expect(last?.done).toBe(last?.total);
    expect(progress.length).toBeGreaterThan(Object.keys(dictionary.tabelas).length * 2);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
  });

  it('stores every column of the dictionary with exactly its type, and no other column', async () => {
    for (const date of result.snapshots) {
      for (const [table, spec] of Object.entries(dictionary.tabelas)) {
        const described = await reader.rows(`DESCRIBE SELECT * FROM ${parquet(oneThread, date, table)}`);
        const actual = described.map((r) => [r.column_name, r.column_type]);
        const expected = Object.entries(spec.colunas).map(([name, col]) => [name, col.tipo]);
        expect(actual, `${date}/${table}`).toEqual(expected);
      }
    }
  });

  it('describes every table and column with an owner and a valid privacy class', () => {
    expect(dictionary.versao).toBe(1);
    for (const [table, spec] of Object.entries(dictionary.tabelas)) {
      expect(spec.descricao?.trim(), table).toBeTruthy();
      expect(spec.dono?.trim(), table).toBeTruthy();
      expect(Object.keys(spec.colunas).length, table).toBeGreaterThan(0);
      for (const [name, col] of Object.entries(spec.colunas)) {
        expect(col.descricao?.trim(), `${table}.${name}`).toBeTruthy();
        expect(col.dono?.trim(), `${table}.${name}`).toBeTruthy();
        expect(PRIVACIDADES, `${table}.${name}`).toContain(col.privacidade);
      }
    }
    const classOf = (t: string, c: string) => dictionary.tabelas[t]?.colunas[c]?.privacidade;
    for (const [t, c] of [['pessoa', 'cpf'], ['pessoa', 'cns'], ['pessoa', 'nis'], ['pessoa', 'nome'], ['pessoa', 'nome_mae'], ['vinculo', 'id_origem']]) {
      expect(classOf(t!, c!), `${t}.${c}`).toBe('identificador');
    }
    expect(classOf('pessoa', 'raca_cor')).toBe('sensivel');
    expect(classOf('agendamento', 'situacao')).toBe('sensivel');
    expect(classOf('matricula', 'etapa')).toBe('crianca');
    expect(classOf('obra', 'nome')).toBe('publico');
  });

  it('replaces an existing snapshot folder through a staging folder, leaving no leftovers', async () => {
    const stale = join(oneThread, 'snapshots', '2026-10-31', 'stale.parquet');
    writeFileSync(stale, 'not parquet');
    const again = await generateRegistry({ scale: SCALE, seed: SEED, outDir: oneThread, threads: 2 });
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(join(oneThread, 'snapshots')).sort()).toEqual(again.snapshots);
    const name = '2026-10-31/pessoa.parquet';
    expect(sha256(join(oneThread, 'snapshots', name))).toBe(sha256(join(twoThreads, 'snapshots', name)));
  });
});
