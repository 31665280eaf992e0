// Plain DuckDB over a data dir's snapshots, laid out the way panel SQL expects it (one schema
// `s_YYYY_MM_DD` per snapshot with a view per table and `data_referencia()`, the newest on the
// search path), but with none of the workbench around it: no masking, no roles, no audit, no
// Arrow, no kept results. A panel cell's compiled SQL runs here unchanged, parameters bound by
// name as the engine binds them (a prepared statement), so the ratio against it is what the
// workbench adds to DuckDB's own work.
//
// `masked: true` puts the workbench's masked views (the same SQL, privacy/masked-views.ts) in
// those schemas instead: the gap between the two bare variants is what masking costs DuckDB.
import { DuckDBInstance, quotedIdentifier, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import type { ParamValue } from '../core/api/index.ts';
import { loadDictionary } from '../core/registry/dictionary.ts';
import { discoverSnapshots, schemaForDate } from '../core/registry/snapshots.ts';
import { createMaskedView, rawSchemaForDate } from '../core/privacy/masked-views.ts';
import { installMaskingKey } from '../core/privacy/masking-key.ts';
import { countChunkRows } from './bare-duckdb.ts';

export interface BareRegistry {
  instance: DuckDBInstance;
  /** A connection already on the newest snapshot's search path. */
  connect(): Promise<DuckDBConnection>;
  close(): void;
}

export async function openBareRegistry(dataDir: string, options: { masked?: boolean; threads?: number } = {}): Promise<BareRegistry> {
  const instance = await DuckDBInstance.create(':memory:', options.threads ? { threads: String(options.threads) } : {});
  const setup = await instance.connect();
  const snapshots = await discoverSnapshots(dataDir);
  const dictionary = options.masked ? await loadDictionary(dataDir) : undefined;
  if (options.masked) await installMaskingKey(setup);
  for (const snapshot of snapshots) {
    const schema = schemaForDate(snapshot.date);
    const rawSchema = options.masked ? rawSchemaForDate(snapshot.date) : schema;
    await setup.run(`CREATE SCHEMA ${quotedIdentifier(schema)}`);
    if (rawSchema !== schema) await setup.run(`CREATE SCHEMA ${quotedIdentifier(rawSchema)}`);
    for (const table of snapshot.tables) {
      await setup.run(
        `CREATE VIEW ${quotedIdentifier(rawSchema)}.${quotedIdentifier(table.name)} AS SELECT * FROM read_parquet(${quotedString(table.source)})`,
      );
      if (dictionary) {
        await createMaskedView(setup, { rawSchema, maskedSchema: schema, table: table.name }, dictionary.tables.get(table.name));
      }
    }
    await setup.run(`CREATE MACRO ${quotedIdentifier(schema)}.data_referencia() AS DATE ${quotedString(snapshot.date)}`);
  }
  setup.closeSync();
  const newest = schemaForDate(snapshots.at(-1)?.date ?? '');
  return {
    instance,
    async connect() {
      const connection = await instance.connect();
      await connection.run(`SET search_path = ${quotedString(newest)}`);
      return connection;
    },
    close() {
      instance.closeSync();
    },
  };
}

/** Prepares `sql`, binds the named parameters present in it (NULL for a null value), runs it and reads every chunk; returns the row count. */
export async function runBareStatement(connection: DuckDBConnection, sql: string, params: Readonly<Record<string, ParamValue>> = {}): Promise<number> {
  const prepared = await connection.prepare(sql);
  for (let index = 1; index <= prepared.parameterCount; index += 1) {
    const value = params[prepared.parameterName(index)] ?? null;
    if (value === null) prepared.bindNull(index);
    else if (typeof value === 'string') prepared.bindVarchar(index, value);
    else if (typeof value === 'boolean') prepared.bindBoolean(index, value);
    else if (typeof value === 'number' && Number.isInteger(value)) prepared.bindBigInt(index, BigInt(value));
    else if (typeof value === 'number') prepared.bindDouble(index, value);
    else throw new TypeError(`parâmetro $${prepared.parameterName(index)}: tipo não suportado no banco puro`);
  }
  return countChunkRows(await prepared.run());
}
