// The pseudonymised tier of a small data dir written here with a plain DuckDB, made in this
// process (the command's own test, pseudonymise.test.ts, runs `mirante` in a child process over
// the SF 0.01 registry, where no mutant is ever on). Each identifier becomes exactly
// HMAC-SHA256(key, value), hex, first 32 digits, the same in every table and snapshot; NULL
// stays NULL; people's names and non-text identifiers become NULL of their type, a company's
// name stays; birth dates keep their month; rows keep their order; the key, the input and the
// output are checked before anything is written.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pseudonymiseDataDir, readKey, treatmentOf } from '../../main/core/privacy/pseudonymise.ts';
import { parseDictionary } from '../../main/core/registry/dictionary.ts';
import { rejection } from '../support/rejection.ts';

const DICTIONARY = `# cadastro de teste
tabelas:
  pessoa:
    colunas:
      pessoa_id: { tipo: INTEGER, privacidade: publico }
      cpf: { tipo: VARCHAR, privacidade: identificador, descricao: CPF }
      nome: { tipo: VARCHAR, privacidade: identificador }
      nis: { tipo: BIGINT, privacidade: identificador }
      bairro: { tipo: VARCHAR, privacidade: sensivel }
  vinculo:
    colunas:
      id_origem: { tipo: VARCHAR, privacidade: identificador }
  contribuinte:
    colunas:
      nome: { tipo: VARCHAR, privacidade: identificador }
      cnpj: { tipo: VARCHAR, privacidade: identificador }
`;

/** People in the older snapshot: more than one DuckDB chunk (2,048 rows) of distinct CPFs. */
const PEOPLE = 3000;

let scratch: string;
let inDir: string;
let key: Buffer;
let keyFile: string;
let instance: DuckDBInstance;
let connection: DuckDBConnection;

function token(value: string): string {
  return createHmac('sha256', key).update(value).digest('hex').slice(0, 32);
}

async function rows(sql: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql)).getRowsJS();
}

function parquet(dir: string, date: string, table: string): string {
  return `'${path.join(dir, 'snapshots', date, `${table}.parquet`)}'`;
}

let outputs = 0;
/** A new output folder path (not created). */
function freshOut(): string {
  outputs += 1;
  return path.join(scratch, `saida-${outputs}`);
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-pseudo-small-'));
  inDir = path.join(scratch, 'entrada');
  key = randomBytes(32);
  keyFile = path.join(scratch, 'chave');
  await writeFile(keyFile, key);
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  const older = path.join(inDir, 'snapshots', '2026-01-31');
  const newer = path.join(inDir, 'snapshots', '2026-02-28');
  await mkdir(path.join(older, 'vinculo'), { recursive: true });
  await mkdir(newer, { recursive: true });
  await writeFile(path.join(inDir, 'dicionario.yaml'), DICTIONARY);
  // Row i has CPF 1000000000i (11 digits); every seventh has none; ids run backwards so the
  // input order is not the sorted order of any column.
  await connection.run(`COPY (
    SELECT (${PEOPLE} - i)::INTEGER AS pessoa_id,
           CASE WHEN i % 7 = 0 THEN NULL ELSE (10000000000 + i)::VARCHAR END AS cpf,
           'Pessoa Numero ' || i AS nome,
           (20000000000 + i)::BIGINT AS nis,
           DATE '1980-01-01' + (i * 37 % 9000)::INTEGER AS data_nascimento,
           'Bairro ' || (i % 5) AS bairro
    FROM range(1, ${PEOPLE} + 1) r(i) ORDER BY i) TO '${path.join(older, 'pessoa.parquet')}' (FORMAT parquet)`);
  await connection.run(`COPY (SELECT * FROM (VALUES
    (1, '10000000001'), (2, '10000000002'), (3, NULL)) t(pessoa_id, cpf)) TO '${path.join(newer, 'pessoa.parquet')}' (FORMAT parquet)`);
  // A table stored as a folder of files: two files, read in order.
  await connection.run(`COPY (SELECT * FROM (VALUES ('10000000003', 'b1'), ('10000000001', 'b2')) t(id_origem, sistema))
    TO '${path.join(older, 'vinculo', 'b.parquet')}' (FORMAT parquet)`);
  await connection.run(`COPY (SELECT * FROM (VALUES ('10000000002', 'a1'), ('99999999999', 'a2')) t(id_origem, sistema))
    TO '${path.join(older, 'vinculo', 'a.parquet')}' (FORMAT parquet)`);
  await connection.run(`COPY (SELECT * FROM (VALUES
    ('PJ', false, 'Padaria Central Ltda', '11222333000181'),
    ('PJ', true, 'Joana Souza 12345678909', '44555666000172'),
    ('PJ', NULL, 'Oficina Boa Ltda', '77888999000100'),
    ('PF', false, 'Carlos Lima', NULL)) t(tipo, mei, nome, cnpj)) TO '${path.join(newer, 'contribuinte.parquet')}' (FORMAT parquet)`);
});

afterAll(async () => {
  connection?.closeSync();
  instance?.closeSync();
  await rm(scratch, { recursive: true, force: true });
});

describe('the pseudonymised tier of a small data dir', () => {
  it('replaces each identifier by its keyed token, the same in every table and snapshot, and keeps NULL and the row order', async () => {
    const outDir = freshOut();
    const summary = await pseudonymiseDataDir({ inDir, outDir, keyFile });
    const distinct = new Set<string>();
    for (let i = 1; i <= PEOPLE; i += 1) if (i % 7 !== 0) distinct.add(String(10000000000 + i));
    distinct.add('99999999999');
    expect(summary).toEqual({ snapshots: ['2026-01-31', '2026-02-28'], tables: 4, tokens: distinct.size + 3 });
    expect(await readdir(path.join(outDir, 'snapshots'))).toEqual(['2026-01-31', '2026-02-28']);
    expect((await readdir(path.join(outDir, 'snapshots', '2026-01-31'))).sort()).toEqual(['pessoa.parquet', 'vinculo.parquet']);

    const people = (await rows(`SELECT pessoa_id, cpf FROM ${parquet(outDir, '2026-01-31', 'pessoa')}`)) as [number, string | null][];
    expect(people).toHaveLength(PEOPLE);
    people.forEach(([id, cpf], index) => {
      const i = index + 1;
      expect(id).toBe(PEOPLE - i);
      expect(cpf).toBe(i % 7 === 0 ? null : token(String(10000000000 + i)));
    });
    expect(await rows(`SELECT * FROM ${parquet(outDir, '2026-02-28', 'pessoa')}`)).toEqual([
      [1, token('10000000001')],
      [2, token('10000000002')],
      [3, null],
    ]);
    // The folder's files in name order, each file's rows in its order; a value that is in no other table gets a token too.
    expect(await rows(`SELECT * FROM ${parquet(outDir, '2026-01-31', 'vinculo')}`)).toEqual([
      [token('10000000002'), 'a1'],
      [token('99999999999'), 'a2'],
      [token('10000000003'), 'b1'],
      [token('10000000001'), 'b2'],
    ]);
  });

  it('empties people’s names and non-text identifiers, keeps a company’s name, and birth dates to the month', async () => {
    const outDir = freshOut();
    await pseudonymiseDataDir({ inDir, outDir, keyFile });
    const people = parquet(outDir, '2026-01-31', 'pessoa');
    const types = await rows(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${people})`);
    expect(types).toEqual([
      ['pessoa_id', 'INTEGER'],
      ['cpf', 'VARCHAR'],
      ['nome', 'VARCHAR'],
      ['nis', 'BIGINT'],
      ['data_nascimento', 'DATE'],
      ['bairro', 'VARCHAR'],
    ]);
    expect(await rows(`SELECT count(nome), count(nis) FROM ${people}`)).toEqual([[0n, 0n]]);
    const dates = await rows(`SELECT o.data_nascimento, p.data_nascimento FROM ${parquet(inDir, '2026-01-31', 'pessoa')} o
      POSITIONAL JOIN ${people} p WHERE p.data_nascimento IS DISTINCT FROM date_trunc('month', o.data_nascimento)::DATE LIMIT 3`);
    expect(dates).toEqual([]);
    expect(await rows(`SELECT count(*) FROM ${people} WHERE day(data_nascimento) = 1`)).toEqual([[BigInt(PEOPLE)]]);
    // What is not classed stays as it was.
    expect(await rows(`SELECT count(*) FROM ${parquet(inDir, '2026-01-31', 'pessoa')} o POSITIONAL JOIN ${people} p WHERE o.bairro <> p.bairro`)).toEqual([[0n]]);
    // A company keeps its name; an MEI (flagged, or with a CPF in its name) and a person do not. The CNPJ is a token in every row.
    expect(await rows(`SELECT tipo, mei, nome, cnpj FROM ${parquet(outDir, '2026-02-28', 'contribuinte')}`)).toEqual([
      ['PJ', false, 'Padaria Central Ltda', token('11222333000181')],
      ['PJ', true, null, token('44555666000172')],
      ['PJ', null, 'Oficina Boa Ltda', token('77888999000100')],
      ['PF', false, null, null],
    ]);
  });

  it('publishes the dictionary saying what became of each column', async () => {
    const outDir = freshOut();
    await pseudonymiseDataDir({ inDir, outDir, keyFile });
    const text = await readFile(path.join(outDir, 'dicionario.yaml'), 'utf8');
    expect(text.startsWith('# cadastro de teste\n')).toBe(true);
    const document = parse(text) as { camada: string; tabelas: Record<string, { colunas: Record<string, { descricao?: string }> }> };
    expect(document.camada).toBe('pseudonimizada');
    const said = (table: string, column: string) => document.tabelas[table]?.colunas[column]?.descricao ?? '';
    expect(said('pessoa', 'cpf')).toContain('token HMAC-SHA256');
    expect(said('pessoa', 'nome')).toContain('sempre nulo');
    expect(said('pessoa', 'nis')).toContain('sempre nulo');
    expect(said('vinculo', 'id_origem')).toContain('token HMAC-SHA256');
    expect(said('contribuinte', 'nome')).toContain('sempre nulo');
    expect(said('pessoa', 'bairro')).toBe('');
    // data_nascimento is not in the input's dictionary: it is reduced, and not invented there.
    expect(document.tabelas.pessoa?.colunas.data_nascimento).toBeUndefined();
  });

  it('writes no token table when no column is an identifier, and copies the rest as it is', async () => {
    const plain = path.join(scratch, 'sem-identificadores');
    await mkdir(path.join(plain, 'snapshots', '2026-03-31'), { recursive: true });
    await connection.run(`COPY (SELECT * FROM (VALUES (1, 'x'), (2, NULL)) t(id, cpf)) TO '${path.join(plain, 'snapshots', '2026-03-31', 'tabela.parquet')}' (FORMAT parquet)`);
    const outDir = freshOut();
    expect(await pseudonymiseDataDir({ inDir: plain, outDir, keyFile })).toEqual({ snapshots: ['2026-03-31'], tables: 1, tokens: 0 });
    expect(await rows(`SELECT * FROM ${parquet(outDir, '2026-03-31', 'tabela')}`)).toEqual([
      [1, 'x'],
      [2, null],
    ]);
    // No dictionary in, an empty one out, still saying which tier it is.
    expect(parse(await readFile(path.join(outDir, 'dicionario.yaml'), 'utf8'))).toEqual({ tabelas: {}, camada: 'pseudonimizada' });
  });

  it('decides each column’s treatment from its class, name and type', () => {
    const dictionary = parseDictionary(DICTIONARY);
    expect(treatmentOf(dictionary, 'pessoa', 'cpf', 'VARCHAR')).toBe('token');
    expect(treatmentOf(dictionary, 'pessoa', 'cpf', 'varchar')).toBe('token');
    expect(treatmentOf(dictionary, 'pessoa', 'nome', 'VARCHAR')).toBe('null');
    expect(treatmentOf(dictionary, 'pessoa', 'nis', 'BIGINT')).toBe('null');
    expect(treatmentOf(dictionary, 'pessoa', 'bairro', 'VARCHAR')).toBeUndefined();
    expect(treatmentOf(dictionary, 'pessoa', 'pessoa_id', 'INTEGER')).toBeUndefined();
    expect(treatmentOf(dictionary, 'outra', 'cpf', 'VARCHAR')).toBeUndefined();
    expect(treatmentOf(dictionary, 'outra', 'data_nascimento', 'DATE')).toBe('month');
    expect(treatmentOf(dictionary, 'outra', 'data_nascimento_mae', 'date')).toBe('month');
    expect(treatmentOf(dictionary, 'outra', 'data_nascimento', 'VARCHAR')).toBeUndefined();
    expect(treatmentOf(dictionary, 'outra', 'ultima_data_nascimento', 'DATE')).toBeUndefined();
  });

  it('refuses a key shorter than 32 bytes or missing, and takes one of exactly 32', async () => {
    const short = path.join(scratch, 'chave-curta');
    await writeFile(short, randomBytes(31));
    expect((await rejection(readKey(short))).message).toContain(`A chave em ${short} tem 31 bytes: use ao menos 32 bytes aleatórios`);
    expect((await rejection(readKey(path.join(scratch, 'nao-existe')))).message).toContain(`Arquivo de chave não encontrado ou ilegível: ${path.join(scratch, 'nao-existe')}`);
    expect((await readKey(keyFile)).equals(key)).toBe(true);
    const outDir = freshOut();
    expect((await rejection(pseudonymiseDataDir({ inDir, outDir, keyFile: short }))).message).toMatch(/31 bytes/);
    expect(existsSync(path.join(outDir, 'snapshots'))).toBe(false);
  });

  it('refuses an output inside the input, containing it, or reached through a link into it, and a non-empty one', async () => {
    const refusedPlaces = [
      inDir,
      path.join(inDir, 'pseudo'),
      path.join(inDir, 'a', 'b'),
      scratch,
    ];
    await symlink(inDir, path.join(scratch, 'atalho'));
    refusedPlaces.push(path.join(scratch, 'atalho', 'novo', 'pseudo'));
    for (const outDir of refusedPlaces) {
      expect((await rejection(pseudonymiseDataDir({ inDir, outDir, keyFile }))).message, outDir).toContain(`A saída (${outDir}) não pode ficar dentro da entrada`);
    }
    expect(existsSync(path.join(inDir, 'pseudo'))).toBe(false);
    expect(existsSync(path.join(inDir, 'a'))).toBe(false);
    expect(existsSync(path.join(inDir, 'novo'))).toBe(false);
    // The input given through the link is the same input.
    expect((await rejection(pseudonymiseDataDir({ inDir: path.join(scratch, 'atalho'), outDir: path.join(inDir, 'x'), keyFile }))).message).toMatch(/não pode ficar dentro da entrada/);
    // A sibling whose name starts with the input's is not inside it.
    const sibling = `${inDir}-pseudo`;
    await pseudonymiseDataDir({ inDir, outDir: sibling, keyFile });
    expect(existsSync(path.join(sibling, 'snapshots', '2026-02-28', 'contribuinte.parquet'))).toBe(true);
    // An existing empty folder is fine; one with anything in it is not.
    const empty = freshOut();
    await mkdir(empty);
    await pseudonymiseDataDir({ inDir, outDir: empty, keyFile });
    expect((await rejection(pseudonymiseDataDir({ inDir, outDir: empty, keyFile }))).message).toContain(`A pasta de saída já existe e não está vazia: ${empty}`);
    expect((await rejection(pseudonymiseDataDir({ inDir: path.join(scratch, 'nao-existe'), outDir: freshOut(), keyFile }))).message).toContain(
      `Pasta de entrada não encontrada: ${path.join(scratch, 'nao-existe')}`,
    );
  });
});
