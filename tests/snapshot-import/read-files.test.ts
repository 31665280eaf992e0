// Reading a city's files: encodings, delimiters, decimal comma, dd/mm/aaaa, quoting, with or
// without a header, Parquet; what does not cast counted with masked examples; files that
// cannot be read, and folders that cannot be imported, said clearly.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { DATE, MATRICULA_CSV, PESSOA_CSV, CPFS, dataDir, exportDir, latin1, parquetExport, run, summary, tempDir } from './support.ts';
import { rejection } from '../support/rejection.ts';

async function publishedRows(dir: string, table: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${path.join(dir, 'snapshots', DATE, `${table}.parquet`)}') ORDER BY 1`);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('reading CSV as cities export it', () => {
  it('Latin-1, `;`, decimal comma with thousands dots, dd/mm/aaaa and sim/não: found without options, typed by the dictionary', async () => {
    const data = await dataDir();
    const from = await exportDir({ 'pessoa.csv': latin1(PESSOA_CSV), 'MATRICULA.TXT': latin1(MATRICULA_CSV) });
    const result = await run({ fromDir: from, dataDir: data });
    expect(summary(result.report.findings)).toEqual([]);
    expect(result.published).toBeDefined();
    expect(await publishedRows(data, 'pessoa')).toEqual([
      { pessoa_id: '1', cpf: CPFS[0], nome: 'Maria da Silva', data_nascimento: '1980-02-01', sexo: 'F', renda: '1234.56' },
      { pessoa_id: '2', cpf: CPFS[1], nome: 'José Souza', data_nascimento: '2019-07-15', sexo: 'M', renda: '0.50' },
      { pessoa_id: '3', cpf: CPFS[2], nome: 'Ana Lima', data_nascimento: '2000-12-31', sexo: 'F', renda: '-2000.00' },
    ]);
    expect(await publishedRows(data, 'matricula')).toEqual([
      { matricula_id: '10', pessoa_id: '2', data_matricula: '2024-02-01', ativa: true },
      { matricula_id: '11', pessoa_id: '2', data_matricula: '2025-02-01', ativa: false },
    ]);
    const pessoa = result.report.tables.find((t) => t.table === 'pessoa');
    expect(pessoa?.dialect).toEqual({ format: 'csv', encoding: 'latin-1', delimiter: ';', header: true, decimalComma: true, dateFormat: '%d/%m/%Y' });
  });

  it('UTF-8 with `|`, every field quoted and no header (dictionary order), and `,` with ISO dates and a decimal point', async () => {
    const data = await dataDir();
    const quoted = (line: string) => line.split(';').map((v) => `"${v}"`).join('|');
    const pessoa = PESSOA_CSV.split('\n').slice(1).map(quoted).join('\n').replaceAll('1.234,56', '1234,56');
    const matricula = ['matricula_id,pessoa_id,data_matricula,ativa', '10,2,2024-02-01,true', '11,2,2025-02-01,false'].join('\n');
    const from = await exportDir({ 'pessoa.csv': pessoa, 'matricula.csv': matricula });
    const result = await run({ fromDir: from, dataDir: data, options: { defaults: {}, perTable: { pessoa: { decimalComma: true } } } });
    expect(summary(result.report.findings)).toEqual([]);
    expect((await publishedRows(data, 'pessoa')).map((r) => [r.nome, r.renda])).toEqual([['Maria da Silva', '1234.56'], ['José Souza', '0.50'], ['Ana Lima', '-2000.00']]);
    expect(result.report.tables.find((t) => t.table === 'pessoa')?.dialect).toMatchObject({ encoding: 'utf-8', delimiter: '|', header: false });
    expect(result.report.tables.find((t) => t.table === 'matricula')?.dialect).toMatchObject({ delimiter: ',', header: true, decimalComma: false });
  });

  it('Windows-1252: its curly quotes, dash and euro sign (0x80–0x9F, control characters in Latin-1) arrive as written', async () => {
    const data = await dataDir();
    const windows = Buffer.concat([latin1(`${PESSOA_CSV.split('\n').slice(0, 2).join('\n')}\n2;${CPFS[1]};José `), Buffer.from([0x93, 0x5a, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x80]), latin1(';15/07/2019;M;0,50\n')]);
    const result = await run({ fromDir: await exportDir({ 'pessoa.csv': windows, 'matricula.csv': MATRICULA_CSV }), dataDir: data });
    expect(result.report.tables.find((t) => t.table === 'pessoa')?.dialect.encoding).toBe('windows-1252');
    expect((await publishedRows(data, 'pessoa')).map((r) => r.nome)).toEqual(['Maria da Silva', 'José “Zé” – €']);
  });

  it('Parquet as it is', async () => {
    const data = await dataDir();
    const from = await parquetExport();
    const result = await run({ fromDir: from, dataDir: data });
    expect(summary(result.report.findings)).toEqual([]);
    expect(await publishedRows(data, 'pessoa')).toHaveLength(3);
  });

  it('counts the values that do not cast, per column, with a few examples, identifiers masked', async () => {
    const data = await dataDir();
    const pessoa = [
      'pessoa_id;cpf;nome;data_nascimento;sexo;renda',
      `1;${CPFS[0]};Maria;31/02/1980;F;1.234,56`,
      `x2;${CPFS[1]};José;15/07/2019;M;1,2,3`,
      `3;${CPFS[2]};Ana;2000-13-01;F;12.34`,
      `4;${CPFS[3]};Rui;;M;`,
    ].join('\n');
    const from = await exportDir({ 'pessoa.csv': pessoa, 'matricula.csv': MATRICULA_CSV.replace('sim', 'talvez') });
    const result = await run({ fromDir: from, dataDir: data, validateOnly: true });
    const invalid = result.report.findings.filter((f) => f.rule === 'tipo_invalido');
    expect(invalid.map((f) => [f.table, f.column, f.count, f.examples])).toEqual([
      ['matricula', 'ativa', 1, ['talvez']],
      ['pessoa', 'data_nascimento', 2, ['2000-13-01', '31/02/1980']],
      ['pessoa', 'pessoa_id', 1, ['x2']],
      ['pessoa', 'renda', 2, ['1,2,3', '12.34']],
    ]);
    expect(invalid.every((f) => f.severity === 'bloqueante')).toBe(true);
    expect(result.notPublished).toBe('validacao');
  });

  it('masks identifiers in examples as the workbench does', async () => {
    const data = await dataDir();
    const pessoa = ['pessoa_id;cpf;nome;data_nascimento;sexo;renda', `1;52998224724;Maria;01/01/1980;F;1`, `2;123;José;01/01/1980;M;1`].join('\n');
    const from = await exportDir({ 'pessoa.csv': pessoa, 'matricula.csv': MATRICULA_CSV });
    const result = await run({ fromDir: from, dataDir: data, validateOnly: true });
    const wrong = result.report.findings.find((f) => f.rule === 'digito_verificador');
    expect(wrong?.count).toBe(2);
    expect(wrong?.examples).toHaveLength(2);
    expect(wrong?.examples).toContain('***.982.247-**');
    // Not 11 digits: no pattern to cut, so a session token, never the value.
    expect(wrong?.examples.find((e) => e !== '***.982.247-**')).toMatch(/^#[0-9a-f]{16}$/);
    expect(JSON.stringify(result.report)).not.toContain('52998224724');
  });

  it('a missing column is NULL and named; an extra one is a warning and left out', async () => {
    const data = await dataDir();
    const pessoa = PESSOA_CSV.split('\n').map((line) => line.split(';').filter((_, i) => i !== 5).concat(['x']).join(';')).join('\n').replace(';x\n', ';observacao\n');
    const from = await exportDir({ 'pessoa.csv': pessoa, 'matricula.csv': MATRICULA_CSV });
    const result = await run({ fromDir: from, dataDir: data, force: true, motivo: 'coluna renda ainda não exportada pela Fazenda' });
    expect(summary(result.report.findings)).toEqual(['aviso coluna_extra pessoa.observacao 1', 'bloqueante coluna_ausente pessoa.renda 1']);
    const rows = await publishedRows(data, 'pessoa');
    expect(rows.map((r) => r.renda)).toEqual([null, null, null]);
    expect(Object.keys(rows[0] ?? {})).toEqual(['pessoa_id', 'cpf', 'nome', 'data_nascimento', 'sexo', 'renda']);
  });
});

describe('files that cannot be read', () => {
  it('a truncated Parquet, a file mixing UTF-8 and Latin-1, a headerless file with the wrong column count: arquivo_ilegivel, the table not read', async () => {
    const data = await dataDir();
    const parquet = await readFile(path.join(await parquetExport(), 'pessoa.parquet'));
    // Two exports glued together: the first UTF-8 (its `não`), the second Latin-1.
    const mixed = Buffer.concat([Buffer.from(`${MATRICULA_CSV}\n`, 'utf8'), latin1('12;2;01/02/2025;não\n')]);
    for (const [files, table, why] of [
      [{ 'pessoa.parquet': parquet.subarray(0, Math.floor(parquet.length / 2)), 'matricula.csv': MATRICULA_CSV }, 'pessoa', /pessoa\.parquet não pôde ser lido/],
      [{ 'pessoa.csv': PESSOA_CSV, 'matricula.csv': mixed }, 'matricula', /mistura UTF-8 e Latin-1/],
      [{ 'pessoa.csv': PESSOA_CSV, 'matricula.csv': '10;2;01/02/2024\n11;2;01/02/2025\n' }, 'matricula', /sem cabeçalho, o arquivo tem 3 colunas e o dicionário 4/],
      [{ 'pessoa.csv': `${PESSOA_CSV}\n4;${CPFS[3]};Rui`, 'matricula.csv': MATRICULA_CSV }, 'pessoa', /não pôde ser lido/],
      [{ 'pessoa.csv': PESSOA_CSV, 'matricula.csv': `${MATRICULA_CSV}\n"12";"2";"01/02/2` }, 'matricula', /termina no meio de um campo entre aspas/],
    ] as const) {
      const from = await exportDir(files as Record<string, string | Buffer>);
      const result = await run({ fromDir: from, dataDir: data, validateOnly: true });
      const unreadable = result.report.findings.filter((f) => f.rule === 'arquivo_ilegivel');
      expect(unreadable.map((f) => [f.table, f.count, f.severity]), table).toEqual([[table, 1, 'bloqueante']]);
      expect(unreadable[0]?.message).toMatch(why);
      expect(result.report.tables.map((t) => t.table)).not.toContain(table);
    }
  });

  it('a file for no table is a warning, a table without a file blocks, two files for one table refuse the import', async () => {
    const data = await dataDir();
    const from = await exportDir({ 'pessoa.csv': PESSOA_CSV, 'pessoas_antigas.csv': PESSOA_CSV, 'LEIAME.md': 'não é dado' });
    const result = await run({ fromDir: from, dataDir: data, validateOnly: true });
    expect(summary(result.report.findings)).toEqual(['bloqueante tabela_ausente matricula 1', 'aviso tabela_desconhecida pessoas_antigas 1']);
    const doubled = await exportDir({ 'pessoa.csv': PESSOA_CSV, 'pessoa.parquet': 'x', 'matricula.csv': MATRICULA_CSV });
    expect((await rejection(run({ fromDir: doubled, dataDir: data }))).message).toMatch(/Mais de um arquivo para a mesma tabela \(pessoa: pessoa\.csv, pessoa\.parquet\)/);
  });

  it('an export folder that does not exist', async () => {
    const data = await dataDir();
    expect((await rejection(run({ fromDir: path.join(await tempDir('vazia'), 'nada'), dataDir: data }))).message).toMatch(/Pasta de origem não encontrada/);
  });
});
