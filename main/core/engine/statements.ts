// The statement allow-list: split the script, prepare EVERY statement and read its type
// before anything runs, so `select 1; drop view pessoa` runs nothing at all. Only
// StatementType.SELECT passes (it covers WITH, VALUES, DESCRIBE, SUMMARIZE, PIVOT ... IN);
// EXPLAIN does not, because EXPLAIN ANALYZE executes the statement it explains. Then the
// reference gate looks at what each statement reads (files, raw schemas: reference-gate.ts).
import { StatementType } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import { WorkbenchError } from '../api/index.ts';
import { locatedError, toWorkbenchError } from './errors.ts';
import { enforceReferences, refuseFileReaders } from './reference-gate.ts';
import { statementStarts } from '../sql/lexer.ts';

export interface PreparedScript {
  script: string;
  /** Where each statement starts (UTF-16 index); empty when the split could not be matched. */
  starts: readonly number[];
  statements: DuckDBPreparedStatement[];
}

export const EMPTY_SCRIPT_MESSAGE = 'A consulta está vazia: escreva ao menos uma instrução SELECT.';

export function destroyPrepared(statements: readonly DuckDBPreparedStatement[]): void {
  for (const statement of statements) statement.destroySync();
}

// Keywords that start a statement DuckDB would never classify as SELECT. Used only to word
// the refusal when DuckDB fails to prepare such a statement (INSERT into a view is a binder
// error, COPY to a forbidden path a permission error): the decision itself is prepare's.
const WRITE_KEYWORDS = new Set([
  'ALTER', 'ATTACH', 'BEGIN', 'CALL', 'CHECKPOINT', 'COMMENT', 'COMMIT', 'COPY', 'CREATE', 'DELETE', 'DETACH',
  'DROP', 'EXPLAIN', 'EXPORT', 'IMPORT', 'INSERT', 'INSTALL', 'LOAD', 'MERGE', 'PRAGMA', 'RESET', 'ROLLBACK',
  'SET', 'TRUNCATE', 'UPDATE', 'USE', 'VACUUM',
]);

function leadingKeyword(script: string, start: number | undefined): string | undefined {
  return start === undefined ? undefined : /^[A-Za-z_]+/.exec(script.slice(start))?.[0]?.toUpperCase();
}

function statementKind(type: StatementType, keyword: string | undefined): string {
  const kind = StatementType[type] ?? `tipo ${type}`;
  return keyword === undefined || keyword === kind ? kind : `${keyword} (${kind})`;
}

function refusal(script: string, starts: readonly number[], index: number, kind: string): WorkbenchError {
  const message =
    `Apenas consultas de leitura são permitidas: a instrução ${index + 1} é ${kind}.` +
    (kind.startsWith('EXPLAIN') ? ' Para ver o plano, use o botão de explicar de uma consulta SELECT.' : '');
  return locatedError({ code: 'not_allowed', message, statementIndex: index }, script, starts[index]);
}

/** Prepares every statement of the script, or throws the first error or refusal. */
export async function prepareScript(connection: DuckDBConnection, script: string): Promise<PreparedScript> {
  const found = statementStarts(script);
  if (found.length === 0) throw new WorkbenchError({ code: 'syntax', message: EMPTY_SCRIPT_MESSAGE });
  const extracted = await connection.extractStatements(script).catch((error: unknown) => {
    throw toWorkbenchError(error, { script, statementStarts: found });
  });
  if (extracted.count === 0) throw new WorkbenchError({ code: 'syntax', message: EMPTY_SCRIPT_MESSAGE });
  const starts = found.length === extracted.count ? found : [];
  const analysis = await refuseFileReaders(connection, script, extracted.count, starts);
  const statements: DuckDBPreparedStatement[] = [];
  try {
    for (let index = 0; index < extracted.count; index += 1) {
      const keyword = leadingKeyword(script, starts[index]);
      const prepared = await extracted.prepare(index).catch((error: unknown) => {
        if (keyword !== undefined && WRITE_KEYWORDS.has(keyword)) throw refusal(script, starts, index, keyword);
        throw toWorkbenchError(error, { script, statementIndex: index, statementStarts: starts });
      });
      statements.push(prepared);
      // Read the type now: after destroySync() it reads INVALID.
      const type = prepared.statementType;
      if (type !== StatementType.SELECT) throw refusal(script, starts, index, statementKind(type, keyword));
    }
    await enforceReferences(connection, script, extracted.count, starts, analysis);
  } catch (error) {
    destroyPrepared(statements);
    throw error;
  }
  return { script, starts, statements };
}
