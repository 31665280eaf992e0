// "Ran" as DuckDB's catalog shows it: every run keeps its rows in a new table of `resultados`
// (r1, r2, … in order), an answer from the cell cache makes none.
import type { Workbench } from '../../main/core/workbench.ts';

/** The tables that hold kept rows right now (sorted copies left out), by name. */
export async function keptTables(workbench: Workbench): Promise<string[]> {
  const connection = await workbench.engine.appConnection();
  try {
    const reader = await connection.runAndReadAll(
      "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'resultados' AND NOT table_name LIKE '%ordenado' ORDER BY table_name",
    );
    return reader.getRowsJS().map((row) => String(row[0]));
  } finally {
    connection.closeSync();
  }
}
