// Part of the contract: the core's spreadsheets and the renderer's grid and charts read it.
// Which result columns are amounts of money (R$), one rule for the grid, panels, charts and
// spreadsheets (they disagreed: a count named `saldo` showed as "-R$ 350" in a panel, while
// `recuperado_ano` had no R$ in the exported workbook). A column is money when its name says so
// and its type can hold centavos: never an integer, which is a count (vagas minus fila).
const MONEY_WORDS = /(^|_)(saldo|valor|valores|renda|recuperado|arrecadado|arrecadacao|pago|pagos|divida)(_|$)/i;
const FRACTIONAL = /^(DECIMAL\(\d+,\s*\d+\)|DOUBLE|FLOAT|REAL)$/i;

/** `duckdbType` as DuckDB names it (`DECIMAL(18,2)`, `BIGINT`). */
export function isMoneyColumn(name: string, duckdbType: string): boolean {
  return MONEY_WORDS.test(name) && FRACTIONAL.test(duckdbType.trim());
}
