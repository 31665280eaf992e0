// Injecting defects into a clean snapshot loaded as tables (pessoa, matricula, contribuinte),
// each with an exact count. Rows are taken in an order hashed from the seed, only among rows
// that do not already break the rule (their baseline), and never one row for two defects, so
// the exported files hold exactly baseline + injected for every (rule, table, column).
import { quotedString, type DuckDBConnection } from '@duckdb/node-api';
import { DOCUMENT_VALIDATORS, type DocumentKind } from './city-export-documents.ts';
import type { RuleTarget } from './city-export-baseline.ts';
import type { DefectKind, RuleCount } from './city-export-truth.ts';

/** How many rows each defect breaks: small, so a report lists them all, and fixed, so tests can name them. */
export const DEFECT_COUNTS = {
  digito_verificador: { cpf: 3, cns: 2, nis: 2, cnpj: 2 },
  cpfPairs: 2,
  orphans: 4,
  bornAfter: 3,
  enrolledBeforeBirth: 2,
} as const;

/** The column left out of its table's file, and the table whose file is cut in half (always Parquet). */
export const MISSING_COLUMN = { table: 'escola', column: 'capacidade' } as const;
export const TRUNCATED_TABLE = 'vacinacao';

/** The tables the injections change, loaded as tables rather than views over the clean files. */
export const MUTABLE_TABLES = ['pessoa', 'matricula', 'contribuinte'] as const;

/** Every (rule, table, column) a set of defects touches, in a fixed order. */
export function defectTargets(kinds: ReadonlySet<DefectKind>): RuleTarget[] {
  const targets: RuleTarget[] = [];
  if (kinds.has('digito_verificador')) {
    for (const column of ['cpf', 'cns', 'nis'] as const) targets.push({ rule: 'digito_verificador', table: 'pessoa', column });
    targets.push({ rule: 'digito_verificador', table: 'contribuinte', column: 'cnpj' });
  }
  if (kinds.has('cpf_repetido')) targets.push({ rule: 'cpf_repetido', table: 'pessoa', column: 'cpf' });
  if (kinds.has('chave_estrangeira_orfa')) targets.push({ rule: 'chave_estrangeira_orfa', table: 'matricula', column: 'pessoa_id' });
  if (kinds.has('data_impossivel')) {
    targets.push({ rule: 'data_impossivel', table: 'pessoa', column: 'data_nascimento' });
    targets.push({ rule: 'data_impossivel', table: 'matricula', column: 'data_matricula' });
  }
  if (kinds.has('coluna_ausente')) targets.push({ rule: 'coluna_ausente', ...MISSING_COLUMN });
  if (kinds.has('arquivo_ilegivel')) targets.push({ rule: 'arquivo_ilegivel', table: TRUNCATED_TABLE });
  return targets;
}

type Row = Record<string, unknown>;

/** Rows in seed-hashed order; `take` hands each row out once, to the first defect whose test it passes. */
class Candidates {
  private readonly used = new Set<number>();
  constructor(
    private readonly rows: Row[],
    private readonly key: string,
  ) {}

  take(n: number, test: (row: Row) => boolean, label: string): Row[] {
    const taken: Row[] = [];
    for (const [index, row] of this.rows.entries()) {
      if (taken.length === n) break;
      if (this.used.has(index) || !test(row)) continue;
      this.used.add(index);
      taken.push(row);
    }
    if (taken.length < n) throw new Error(`poucas linhas para o defeito ${label}: ${taken.length} de ${n}`);
    return taken;
  }

  ids(rows: readonly Row[]): string {
    return rows.map((row) => String(row[this.key])).join(', ');
  }
}

async function ordered(conn: DuckDBConnection, sql: string, key: string, seed: number): Promise<Row[]> {
  const reader = await conn.runAndReadAll(`SELECT * FROM (${sql}) ORDER BY hash(${key}, ${seed}, 'defeito') LIMIT 50000`);
  return reader.getRowObjectsJS() as Row[];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
/** The value with its last digit changed: every check digit scheme here then fails. */
const BROKEN = (column: string) => `left(${column}, length(${column}) - 1) || CAST((CAST(right(${column}, 1) AS INTEGER) + 1) % 10 AS VARCHAR)`;

async function injectPessoa(conn: DuckDBConnection, kinds: ReadonlySet<DefectKind>, seed: number, date: string): Promise<RuleCount[]> {
  const rows = await ordered(
    conn,
    `SELECT pessoa_id, cpf, cns, nis, data_obito IS NULL AS vivo,
       pessoa_id IN (SELECT pessoa_id FROM matricula UNION ALL SELECT pessoa_id FROM fila_creche
         UNION ALL SELECT pessoa_id FROM vacinacao) AS tem_data_apos_nascimento,
       count(*) OVER (PARTITION BY cpf) AS mesmo_cpf
     FROM pessoa`,
    'pessoa_id',
    seed,
  );
  const people = new Candidates(rows, 'pessoa_id');
  const validUnique = (row: Row) => DOCUMENT_VALIDATORS.cpf(text(row.cpf)) && Number(row.mesmo_cpf) === 1;
  const injected: RuleCount[] = [];
  if (kinds.has('digito_verificador')) {
    for (const column of ['cpf', 'cns', 'nis'] as const satisfies readonly DocumentKind[]) {
      const n = DEFECT_COUNTS.digito_verificador[column];
      const test = column === 'cpf' ? validUnique : (row: Row) => DOCUMENT_VALIDATORS[column](text(row[column]));
      const taken = people.take(n, test, `digito_verificador pessoa.${column}`);
      await conn.run(`UPDATE pessoa SET ${column} = ${BROKEN(column)} WHERE pessoa_id IN (${people.ids(taken)})`);
      injected.push({ rule: 'digito_verificador', table: 'pessoa', column, count: n });
    }
  }
  if (kinds.has('cpf_repetido')) {
    const taken = people.take(2 * DEFECT_COUNTS.cpfPairs, validUnique, 'cpf_repetido');
    for (let i = 0; i < taken.length; i += 2) {
      const [first, second] = [taken[i] as Row, taken[i + 1] as Row];
      await conn.run(`UPDATE pessoa SET cpf = ${quotedString(text(first.cpf))} WHERE pessoa_id = ${String(second.pessoa_id)}`);
    }
    injected.push({ rule: 'cpf_repetido', table: 'pessoa', column: 'cpf', count: taken.length, values: DEFECT_COUNTS.cpfPairs });
  }
  if (kinds.has('data_impossivel')) {
    // People with no death date, enrolment, day-care request or vaccination (dates that may not
    // come before a birth), so moving their birth breaks no other rule.
    const taken = people.take(DEFECT_COUNTS.bornAfter, (row) => row.vivo === true && row.tem_data_apos_nascimento === false, 'data_impossivel pessoa');
    for (const [i, row] of taken.entries()) {
      await conn.run(`UPDATE pessoa SET data_nascimento = DATE ${quotedString(date)} + ${1 + 11 * i} WHERE pessoa_id = ${String(row.pessoa_id)}`);
    }
    injected.push({ rule: 'data_impossivel', table: 'pessoa', column: 'data_nascimento', count: taken.length });
  }
  return injected;
}

async function injectMatricula(conn: DuckDBConnection, kinds: ReadonlySet<DefectKind>, seed: number): Promise<RuleCount[]> {
  const rows = await ordered(
    conn,
    `SELECT m.matricula_id FROM matricula m JOIN pessoa p USING (pessoa_id) WHERE m.data_matricula >= p.data_nascimento`,
    'matricula_id',
    seed,
  );
  const enrolments = new Candidates(rows, 'matricula_id');
  const injected: RuleCount[] = [];
  if (kinds.has('chave_estrangeira_orfa')) {
    const taken = enrolments.take(DEFECT_COUNTS.orphans, () => true, 'chave_estrangeira_orfa');
    for (const [i, row] of taken.entries()) {
      await conn.run(`UPDATE matricula SET pessoa_id = (SELECT max(pessoa_id) FROM pessoa) + ${1_000_000 + i}
        WHERE matricula_id = ${String(row.matricula_id)}`);
    }
    injected.push({ rule: 'chave_estrangeira_orfa', table: 'matricula', column: 'pessoa_id', count: taken.length });
  }
  if (kinds.has('data_impossivel')) {
    const taken = enrolments.take(DEFECT_COUNTS.enrolledBeforeBirth, () => true, 'data_impossivel matricula');
    for (const [i, row] of taken.entries()) {
      await conn.run(`UPDATE matricula SET data_matricula = (SELECT p.data_nascimento FROM pessoa p WHERE p.pessoa_id = matricula.pessoa_id) - ${10 + i}
        WHERE matricula_id = ${String(row.matricula_id)}`);
    }
    injected.push({ rule: 'data_impossivel', table: 'matricula', column: 'data_matricula', count: taken.length });
  }
  return injected;
}

async function injectContribuinte(conn: DuckDBConnection, seed: number): Promise<RuleCount[]> {
  const rows = await ordered(conn, `SELECT contribuinte_id, cnpj FROM contribuinte WHERE cnpj IS NOT NULL`, 'contribuinte_id', seed);
  const n = DEFECT_COUNTS.digito_verificador.cnpj;
  const taxpayers = new Candidates(rows, 'contribuinte_id');
  const taken = taxpayers.take(n, (row) => DOCUMENT_VALIDATORS.cnpj(text(row.cnpj)), 'digito_verificador contribuinte.cnpj');
  await conn.run(`UPDATE contribuinte SET cnpj = ${BROKEN('cnpj')} WHERE contribuinte_id IN (${taxpayers.ids(taken)})`);
  return [{ rule: 'digito_verificador', table: 'contribuinte', column: 'cnpj', count: n }];
}

/** Changes the loaded tables; returns what was injected in the order of defectTargets. */
export async function injectDefects(conn: DuckDBConnection, kinds: ReadonlySet<DefectKind>, seed: number, date: string): Promise<RuleCount[]> {
  // Enrolments first: their candidates are judged against the clean birth dates.
  const matricula = await injectMatricula(conn, kinds, seed);
  const pessoa = await injectPessoa(conn, kinds, seed, date);
  const contribuinte = kinds.has('digito_verificador') ? await injectContribuinte(conn, seed) : [];
  const structural: RuleCount[] = [
    ...(kinds.has('coluna_ausente') ? [{ rule: 'coluna_ausente' as const, ...MISSING_COLUMN, count: 1 }] : []),
    ...(kinds.has('arquivo_ilegivel') ? [{ rule: 'arquivo_ilegivel' as const, table: TRUNCATED_TABLE, count: 1 }] : []),
  ];
  const all = [...pessoa, ...contribuinte, ...matricula, ...structural];
  const key = (c: RuleTarget) => `${c.rule} ${c.table} ${c.column ?? ''}`;
  return defectTargets(kinds).map((target) => {
    const found = all.find((c) => key(c) === key(target));
    if (!found) throw new Error(`defeito sem registro: ${key(target)}`);
    return found;
  });
}
