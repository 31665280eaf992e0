// Parameters are bound by name with the prepared statement's own API, never spliced into
// SQL text. One params object serves the whole script: each statement takes only the names
// it declares, and a name it declares but the object lacks is an error naming it.
import { BIGINT, BOOLEAN, DOUBLE, DuckDBTypeId, HUGEINT, INTEGER, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { WorkbenchError } from '../api/index.ts';
import type { ParamValue } from '../api/index.ts';
import { duckdbMessage, parseDuckDBError } from './errors.ts';

const INTEGER_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
]);
// The Node client wants a JS bigint for these.
const WIDE_INTEGER_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
]);

interface Binding {
  value: DuckDBValue;
  type: DuckDBType;
}

/** The type DuckDB inferred for a parameter, when it could infer one. */
function declaredType(prepared: DuckDBPreparedStatement, index: number): DuckDBType | undefined {
  try {
    const type = prepared.parameterType(index);
    return type.typeId === DuckDBTypeId.ANY ? undefined : type;
  } catch {
    return undefined; // "Failed to get param logical type": DuckDB could not infer one
  }
}

function integerBinding(value: number | bigint, declared: DuckDBType | undefined): Binding {
  const type =
    declared && INTEGER_TYPES.has(declared.typeId)
      ? declared
      : typeof value === 'bigint'
        ? HUGEINT
        : value >= -2_147_483_648 && value <= 2_147_483_647
          ? INTEGER
          : BIGINT;
  const wide = WIDE_INTEGER_TYPES.has(type.typeId);
  return { type, value: wide ? BigInt(value) : Number(value) };
}

function listBinding(items: readonly (string | number)[], declared: DuckDBType | undefined): Binding {
  if (items.every((item) => typeof item === 'string')) return { type: LIST(VARCHAR), value: listValue(items) };
  if (items.every((item) => typeof item === 'number' && Number.isInteger(item))) {
    const element =
      declared?.typeId === DuckDBTypeId.LIST && INTEGER_TYPES.has(declared.valueType.typeId) ? declared.valueType : BIGINT;
    const wide = WIDE_INTEGER_TYPES.has(element.typeId);
    return { type: LIST(element), value: listValue(items.map((item) => (wide ? BigInt(item) : Number(item)))) };
  }
  if (items.every((item) => typeof item === 'number')) return { type: LIST(DOUBLE), value: listValue(items) };
  throw new TypeError('uma lista deve ter só textos ou só números');
}

function bindingFor(value: ParamValue, declared: DuckDBType | undefined): Binding | null {
  if (value === null) return null;
  if (typeof value === 'string') return { type: VARCHAR, value };
  if (typeof value === 'boolean') return { type: BOOLEAN, value };
  if (typeof value === 'bigint') return integerBinding(value, declared);
  if (typeof value === 'number') {
    return Number.isInteger(value) ? integerBinding(value, declared) : { type: DOUBLE, value };
  }
  if (Array.isArray(value)) return listBinding(value, declared);
  throw new TypeError(`tipo de valor não suportado (${typeof value})`);
}

function parameterError(name: string, statementIndex: number, reason: string): WorkbenchError {
  return new WorkbenchError({
    code: 'parameter',
    message: `Parâmetro $${name} (instrução ${statementIndex + 1}): ${reason}`,
    statementIndex,
  });
}

/** A text bound where DuckDB expects e.g. a DATE is cast by DuckDB; check it casts, by binding. */
async function checkTextCasts(connection: DuckDBConnection, text: string, type: DuckDBType): Promise<string | undefined> {
  try {
    await connection.run(`SELECT CAST($valor AS ${type.toString()})`, { valor: text }, { valor: VARCHAR });
    return undefined;
  } catch (error) {
    return duckdbMessage(parseDuckDBError(error));
  }
}

export async function bindParameters(
  connection: DuckDBConnection,
  prepared: DuckDBPreparedStatement,
  params: Readonly<Record<string, ParamValue>> | undefined,
  statementIndex: number,
): Promise<void> {
  for (let index = 1; index <= prepared.parameterCount; index += 1) {
    const name = prepared.parameterName(index);
    if (params === undefined || !Object.hasOwn(params, name)) {
      throw parameterError(name, statementIndex, 'valor não informado.');
    }
    const value = params[name] as ParamValue;
    const declared = declaredType(prepared, index);
    let binding: Binding | null;
    try {
      binding = bindingFor(value, declared);
    } catch (error) {
      throw parameterError(name, statementIndex, error instanceof Error ? error.message : String(error));
    }
    if (binding === null) {
      prepared.bindNull(index);
      continue;
    }
    if (typeof value === 'string' && declared && declared.typeId !== DuckDBTypeId.VARCHAR) {
      const problem = await checkTextCasts(connection, value, declared);
      if (problem !== undefined) throw parameterError(name, statementIndex, `não é um ${declared.toString()} válido: ${problem}`);
    }
    try {
      prepared.bindValue(index, binding.value, binding.type);
    } catch (error) {
      throw parameterError(name, statementIndex, duckdbMessage(parseDuckDBError(error)));
    }
  }
}
