// How each result column goes into a spreadsheet, decided once from its type and name:
// identifiers stay text (leading zeros), money gets R$ (format/money.ts), dates get dd/mm/aaaa.
import { DataType } from 'apache-arrow';
import type { Decimal, Field, Schema } from 'apache-arrow';
import { isMoneyColumn } from '../api/money-columns.ts';
import { duckdbTypeOf } from '../format/values.ts';

export type CellKind = 'text' | 'identifier' | 'bool' | 'int' | 'bigint' | 'decimal' | 'float' | 'date' | 'timestamp';

export interface ColumnPlan {
  name: string;
  field: Field;
  kind: CellKind;
  /** Excel number format code (stored in en-US form; a pt-BR Excel shows `dd/mm/aaaa`, `1.234,56`). */
  numFmt?: string;
  /** Characters, for the column width. */
  width: number;
}

const IDENTIFIERS = ['cpf', 'cns', 'nis', 'cep', 'cnpj', 'id_origem', 'codigo_familiar', 'inscricao_imobiliaria', 'cda'];
const IDENTIFIER_NAME = new RegExp(`(^|_)(${IDENTIFIERS.join('|')})(_|$)`, 'i');

export const DATE_FORMAT = 'dd/mm/yyyy';
export const TIMESTAMP_FORMAT = 'dd/mm/yyyy hh:mm';
export const MONEY_FORMAT = '"R$" #,##0.00';

export function isIdentifierName(name: string): boolean {
  return IDENTIFIER_NAME.test(name);
}


function kindOf(field: Field): CellKind {
  const type = field.type as DataType;
  if (isIdentifierName(field.name)) return 'identifier';
  if (DataType.isBool(type)) return 'bool';
  if (DataType.isInt(type)) return type.bitWidth === 64 ? 'bigint' : 'int';
  if (DataType.isDecimal(type)) return 'decimal';
  if (DataType.isFloat(type)) return 'float';
  if (DataType.isDate(type)) return 'date';
  if (DataType.isTimestamp(type)) return 'timestamp';
  return 'text';
}

function numFmtOf(name: string, field: Field, kind: CellKind): string | undefined {
  if (kind === 'identifier') return '@';
  if (kind === 'date') return DATE_FORMAT;
  if (kind === 'timestamp') return TIMESTAMP_FORMAT;
  if ((kind === 'decimal' || kind === 'float') && isMoneyColumn(name, duckdbTypeOf(field))) return MONEY_FORMAT;
  if (kind === 'decimal') {
    const { scale } = field.type as Decimal;
    return scale > 0 ? `#,##0.${'0'.repeat(Math.min(scale, 10))}` : undefined;
  }
  return undefined;
}

const WIDTHS: Partial<Record<CellKind, number>> = { date: 12, timestamp: 17, bool: 8, int: 12, bigint: 20, float: 14, decimal: 16 };

export function planColumns(schema: Schema): ColumnPlan[] {
  return schema.fields.map((field) => {
    const kind = kindOf(field);
    const numFmt = numFmtOf(field.name, field, kind);
    const width = Math.min(60, Math.max(field.name.length + 3, WIDTHS[kind] ?? 18));
    return { name: field.name, field, kind, width, ...(numFmt ? { numFmt } : {}) };
  });
}
