// What changed between the generator's two snapshots, from its model: who was born, who got a
// CPF, who died, who updated their record or moved, which enrolments began or ended and which
// families updated their CadÚnico record in the month. Computed from the world tables' event
// dates (the same scale and seed rebuild them exactly), never by comparing the snapshot files,
// so a diff of the files can be checked against it. Keep in step with the snapshot SELECTs of
// people.ts and education.ts.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { sqlDate } from './domain.ts';
import { educationDomain } from './education.ts';
import { paramsFor, SNAPSHOT_DATES } from './params.ts';
import { peopleDomain } from './people.ts';
import { macroStatements } from './sql-helpers.ts';

export interface TableChanges {
  key: string[];
  added: number;
  removed: number;
  /** Rows in both snapshots with at least one column changed. */
  changed: number;
  /** Rows in both snapshots whose column changed; a column not listed changed in none. */
  columns: Record<string, number>;
}

export interface SnapshotChanges {
  from: string;
  to: string;
  tables: Record<string, TableChanges>;
}

async function one(conn: DuckDBConnection, sql: string): Promise<Record<string, number>> {
  const row = (await conn.runAndReadAll(sql)).getRowObjectsJS()[0] ?? {};
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

/**
 * People (born by the older date) change when, inside the month: their CPF was issued (NULL,
 * then the number); they died; their record was updated (atualizado_em shows the update, the
 * older snapshot an earlier time); and, if that update was a move, their bairro, health unit
 * (units belong to a bairro) and, when the two bairros have different CRAS, territorio_cras.
 */
function pessoaSql(from: string, to: string): string {
  const inMonth = (date: string) => `(${date} > ${from} AND ${date} <= ${to})`;
  return `WITH eventos AS (
      SELECT p.data_nascimento <= ${from} AS antiga, ${inMonth('p.data_nascimento')} AS nasceu,
        p.cpf IS NOT NULL AND ${inMonth('p.cpf_desde')} AS cpf, ${inMonth('p.data_obito')} AS data_obito,
        ${inMonth('CAST(p.atualizado_final AS DATE)')} AS atualizado_em,
        p.bairro_anterior <> p.bairro_id AS bairro, p.bairro_anterior <> p.bairro_id AS unidade_saude_id,
        p.bairro_anterior <> p.bairro_id AND antes.cras <> agora.cras AS territorio_cras
      FROM w_pessoa p JOIN bairro agora ON agora.bairro_id = p.bairro_id JOIN bairro antes ON antes.bairro_id = p.bairro_anterior
    )
    SELECT count(*) FILTER (nasceu) AS added,
      count(*) FILTER (antiga AND (cpf OR data_obito OR atualizado_em OR bairro OR territorio_cras OR unidade_saude_id)) AS changed,
      count(*) FILTER (antiga AND cpf) AS cpf, count(*) FILTER (antiga AND data_obito) AS data_obito,
      count(*) FILTER (antiga AND atualizado_em) AS atualizado_em, count(*) FILTER (antiga AND bairro) AS bairro,
      count(*) FILTER (antiga AND territorio_cras) AS territorio_cras, count(*) FILTER (antiga AND unidade_saude_id) AS unidade_saude_id
    FROM eventos`;
}

/** Enrolments begin on data_matricula; one that ends (transfer, drop-out, cancel) changes situacao and data_saida. */
function matriculaSql(from: string, to: string): string {
  return `SELECT count(*) FILTER (data_matricula > ${from} AND data_matricula <= ${to}) AS added,
      count(*) FILTER (data_matricula <= ${from} AND saida_data > ${from} AND saida_data <= ${to}) AS changed
    FROM w_matricula`;
}

/** A CadÚnico family appears with its oldest member; a cadastral update in the month changes its date (older: a year before). */
function familiaSql(from: string, to: string): string {
  return `SELECT count(*) FILTER (nascimento_mais_velho > ${from} AND nascimento_mais_velho <= ${to}) AS added,
      count(*) FILTER (nascimento_mais_velho <= ${from} AND atualizacao_final > ${from} AND atualizacao_final <= ${to}) AS changed
    FROM w_familia`;
}

function tableChanges(key: string, counts: Record<string, number>, columns: readonly string[]): TableChanges {
  const { added = 0, changed = 0 } = counts;
  return { key: [key], added, removed: 0, changed, columns: Object.fromEntries(columns.map((c) => [c, counts[c] ?? changed])) };
}

/** The changes between the two snapshots a registry of this scale and seed has. */
export async function snapshotChanges(scale: number, seed: number): Promise<SnapshotChanges> {
  const params = paramsFor(scale, seed);
  const [fromDate, toDate] = SNAPSHOT_DATES;
  const [from, to] = [sqlDate(fromDate), sqlDate(toDate)];
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  try {
    const conn = await instance.connect();
    for (const statement of [...macroStatements(seed), ...peopleDomain.world(params), ...educationDomain.world(params)]) {
      await conn.run(statement);
    }
    const pessoa = await one(conn, pessoaSql(from, to));
    const matricula = await one(conn, matriculaSql(from, to));
    const familia = await one(conn, familiaSql(from, to));
    conn.closeSync();
    return {
      from: fromDate,
      to: toDate,
      tables: {
        pessoa: tableChanges('pessoa_id', pessoa, ['cpf', 'data_obito', 'atualizado_em', 'bairro', 'territorio_cras', 'unidade_saude_id']),
        matricula: tableChanges('matricula_id', matricula, ['situacao', 'data_saida']),
        familia: tableChanges('familia_id', familia, ['data_atualizacao_cadastral']),
      },
    };
  } finally {
    instance.closeSync();
  }
}
