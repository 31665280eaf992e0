// What the generated registry contains: valid documents, two snapshots a month apart, plausible
// distributions, and real cases for every curated panel of docs/DATA-CONTRACT.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRegistry } from '../../sample-data/generator/index.ts';
import { makeTempDir, openReader, parquet, removeDir, SCALE, SEED, type Reader } from './helpers.ts';

const OLD = '2026-09-30';
const NEW = '2026-10-31';
const REF = `DATE '${NEW}'`;

function mod11(digits: number[], weights: number[]): number {
  const rest = digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11;
  return rest < 2 ? 0 : 11 - rest;
}

function validCpf(cpf: string): boolean {
  if (!/^\d{11}$/.test(cpf)) return false;
  const d = [...cpf].map(Number);
  return mod11(d.slice(0, 9), [10, 9, 8, 7, 6, 5, 4, 3, 2]) === d[9]
    && mod11(d.slice(0, 10), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) === d[10];
}

function validCnpj(cnpj: string): boolean {
  if (!/^\d{14}$/.test(cnpj)) return false;
  const d = [...cnpj].map(Number);
  return mod11(d.slice(0, 12), [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) === d[12]
    && mod11(d.slice(0, 13), [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) === d[13];
}

describe('generated registry content (SF 0.01)', () => {
  let dir: string;
  let db: Reader;
  const t = (table: string, date = NEW) => parquet(dir, date, table);
  const count = async (sql: string) => Number((await db.one(`SELECT count(*) AS n FROM (${sql})`)).n);

  beforeAll(async () => {
    dir = await makeTempDir('gen-content');
    await generateRegistry({ scale: SCALE, seed: SEED, outDir: dir });
    db = await openReader();
  });

  afterAll(async () => {
    db?.close();
    await removeDir(dir);
  });

  it('check digits: the test validators reject a wrong digit', () => {
    expect(validCpf('52998224725')).toBe(true);
    expect(validCpf('52998224726')).toBe(false);
    expect(validCnpj('11222333000181')).toBe(true);
    expect(validCnpj('11222333000182')).toBe(false);
  });

  it('gives every non-null CPF and CNPJ valid check digits, and some CPFs a leading zero', async () => {
    for (const date of [OLD, NEW]) {
      const cpfs = (await db.rows(`SELECT cpf FROM ${t('pessoa', date)} WHERE cpf IS NOT NULL`)).map((r) => String(r.cpf));
      expect(cpfs.length).toBeGreaterThan(4000);
      expect(cpfs.filter((c) => !validCpf(c))).toEqual([]);
      expect(cpfs.some((c) => c.startsWith('0'))).toBe(true);
      expect(new Set(cpfs).size).toBe(cpfs.length);
      const cnpjs = [
        ...(await db.rows(`SELECT cnpj AS c FROM ${t('contribuinte', date)} WHERE cnpj IS NOT NULL`)),
        ...(await db.rows(`SELECT cnpj_empresa AS c FROM ${t('obra', date)}`)),
      ].map((r) => String(r.c));
      expect(cnpjs.length).toBeGreaterThan(30);
      expect(cnpjs.filter((c) => !validCnpj(c))).toEqual([]);
    }
  });

  it('has 15-digit CNS, NIS only for CadÚnico people, and CPF missing only for a few', async () => {
    const p = await db.one(`SELECT count(*) AS n,
        count(*) FILTER (WHERE cns IS NOT NULL AND NOT regexp_full_match(cns, '\\d{15}')) AS cns_ruim,
        count(*) FILTER (WHERE (nis IS NOT NULL) <> (familia_id IS NOT NULL)) AS nis_fora_cadunico,
        count(*) FILTER (WHERE nis IS NOT NULL AND NOT regexp_full_match(nis, '\\d{11}')) AS nis_ruim,
        count(*) FILTER (WHERE cpf IS NULL AND data_nascimento > ${REF} - INTERVAL 12 YEAR) AS criancas_sem_cpf,
        count(*) FILTER (WHERE cpf IS NULL) AS sem_cpf
      FROM ${t('pessoa')}`);
    expect(Number(p.n)).toBeGreaterThan(4000);
    expect(Number(p.n)).toBeLessThan(5000);
    expect(Number(p.cns_ruim)).toBe(0);
    expect(Number(p.nis_fora_cadunico)).toBe(0);
    expect(Number(p.nis_ruim)).toBe(0);
    expect(Number(p.criancas_sem_cpf)).toBeGreaterThan(0);
    expect(Number(p.sem_cpf)).toBeLessThan(Number(p.n) * 0.05);
  });

  it('has two snapshots a month apart; the later one adds births, payments, appointments and measurements', async () => {
    const births = async (date: string) => count(`SELECT 1 FROM ${t('pessoa', date)}`);
    expect(await births(NEW)).toBeGreaterThan(await births(OLD));
    expect(await count(`SELECT 1 FROM ${t('pessoa', OLD)} WHERE data_nascimento > DATE '${OLD}'`)).toBe(0);
    expect(await count(`SELECT 1 FROM ${t('pessoa')} WHERE data_nascimento > DATE '${OLD}'`)).toBeGreaterThan(0);
    for (const [table, dateColumn] of [['pagamento', 'data_pagamento'], ['medicao', 'data_medicao']] as const) {
      expect(await count(`SELECT 1 FROM ${t(table)} WHERE ${dateColumn} > DATE '${OLD}'`), table).toBeGreaterThan(0);
      expect(await count(`SELECT 1 FROM ${t(table, OLD)} WHERE ${dateColumn} > DATE '${OLD}'`), table).toBe(0);
    }
    const done = async (date: string) => count(`SELECT 1 FROM ${t('agendamento', date)} WHERE situacao IN ('realizado', 'falta')`);
    expect(await done(NEW)).toBeGreaterThan(await done(OLD));
  });

  it('has plausible distributions: no-shows, IPTU, CadÚnico children, duplicate source ids', async () => {
    const noShow = await db.one(`SELECT avg(CAST(situacao = 'falta' AS DOUBLE)) AS r FROM ${t('agendamento')} WHERE situacao IN ('falta', 'realizado')`);
    expect(Number(noShow.r)).toBeGreaterThan(0.15);
    expect(Number(noShow.r)).toBeLessThan(0.35);
    const tributos = await db.rows(`SELECT tributo FROM ${t('divida_ativa')} GROUP BY tributo ORDER BY sum(saldo) DESC`);
    expect(tributos[0]?.tributo).toBe('IPTU');
    const cad = await db.one(`SELECT avg(CAST(familia_id IS NOT NULL AS DOUBLE)) AS r FROM ${t('pessoa')}
      WHERE data_nascimento > ${REF} - INTERVAL 7 YEAR`);
    expect(Number(cad.r)).toBeGreaterThan(0.2);
    expect(Number(cad.r)).toBeLessThan(0.4);
    expect(await count(`SELECT pessoa_id, sistema FROM ${t('vinculo')} GROUP BY ALL HAVING count(*) > 1`)).toBeGreaterThan(0);
    const calendario = await count(`SELECT 1 FROM ${t('calendario_vacinal')}`);
    expect(calendario).toBe(19);
  });

  it('gives the finance, works and day-care panels real cases', async () => {
    expect(await count(`SELECT 1 FROM ${t('divida_ativa')} WHERE situacao = 'aberta' AND data_inscricao < ${REF} - INTERVAL 54 MONTH`)).toBeGreaterThan(0);
    expect(await count(`SELECT 1 FROM ${t('parcelamento')} WHERE situacao = 'atrasado'`)).toBeGreaterThan(0);
    expect(await count(`SELECT 1 FROM ${t('fila_creche')} WHERE situacao = 'aguardando'`)).toBeGreaterThan(0);
    const works = await db.one(`
      WITH prazo AS (SELECT obra_id, sum(dias) AS dias FROM ${t('aditivo')} WHERE tipo = 'prazo' GROUP BY 1),
      fisico AS (SELECT obra_id, max(percentual_fisico) AS pf FROM ${t('medicao')} GROUP BY 1),
      andamento AS (
        SELECT least(100, 100.0 * (${REF} - o.data_ordem_servico)
                 / (o.data_prevista_termino + CAST(coalesce(p.dias, 0) AS INTEGER) - o.data_ordem_servico)) - coalesce(f.pf, 0) AS atraso_pp
        FROM ${t('obra')} o LEFT JOIN prazo p USING (obra_id) LEFT JOIN fisico f USING (obra_id)
        WHERE o.situacao IN ('execucao', 'paralisada'))
      SELECT count(*) AS n, count(*) FILTER (WHERE atraso_pp > 10) AS atrasadas FROM andamento`);
    expect(Number(works.atrasadas)).toBeGreaterThan(Number(works.n) / 2);
    expect(await count(`SELECT 1 FROM ${t('aditivo')} WHERE tipo = 'prazo'`)).toBeGreaterThan(0);
  });

  it('gives every primeira-infancia alert real children', async () => {
    const scope = `SELECT pessoa_id, familia_id, data_nascimento FROM ${t('pessoa')}
      WHERE data_obito IS NULL AND date_sub('month', data_nascimento, ${REF}) < 72`;
    const ativa = `SELECT pessoa_id FROM ${t('matricula')} WHERE situacao = 'ativa' AND ano_letivo = year(${REF})`;
    const faltaSaude = await count(`SELECT a.pessoa_id FROM ${t('agendamento')} a JOIN (${scope}) s USING (pessoa_id)
      WHERE a.tipo IN ('puericultura', 'vacinacao') AND a.situacao = 'falta'
        AND a.data_hora > ${REF} - INTERVAL 6 MONTH AND CAST(a.data_hora AS DATE) <= ${REF}
        AND a.pessoa_id IN (${ativa}) GROUP BY 1 HAVING count(*) >= 2`);
    const foraDaEscola = await count(`SELECT s.pessoa_id FROM (${scope}) s LEFT JOIN ${t('familia')} f USING (familia_id)
      WHERE date_sub('year', s.data_nascimento, make_date(year(${REF}), 3, 31)) IN (4, 5)
        AND (f.bolsa_familia OR s.familia_id IN (SELECT familia_id FROM ${t('atendimento_social')}
             WHERE acompanhamento AND data > ${REF} - INTERVAL 12 MONTH AND data <= ${REF}))
        AND s.pessoa_id NOT IN (${ativa})`);
    const vacinaAtrasada = await count(`SELECT DISTINCT s.pessoa_id FROM (${scope}) s CROSS JOIN ${t('calendario_vacinal')} c
      WHERE s.data_nascimento + to_months(c.idade_meses) < ${REF} - INTERVAL 30 DAY
        AND NOT EXISTS (SELECT 1 FROM ${t('vacinacao')} v WHERE v.pessoa_id = s.pessoa_id AND v.vacina = c.vacina AND v.dose = c.dose)`);
    const baixaFrequencia = await count(`SELECT m.pessoa_id FROM ${t('frequencia')} fr JOIN ${t('matricula')} m USING (matricula_id)
      WHERE m.situacao = 'ativa' AND fr.mes = date_trunc('month', ${REF}) - INTERVAL 1 MONTH
        AND (fr.dias_letivos - fr.faltas) / fr.dias_letivos < 0.6 AND m.pessoa_id IN (SELECT pessoa_id FROM (${scope}))`);
    for (const [alert, n] of Object.entries({ faltaSaude, foraDaEscola, vacinaAtrasada, baixaFrequencia })) {
      expect(n, alert).toBeGreaterThan(0);
    }
  });
});
