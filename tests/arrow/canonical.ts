// Canonical JS forms of a value, one read from DuckDB's own value objects (the oracle) and one
// read from decoded Arrow data, so the two can be compared with toStrictEqual.
import { DataType, makeVector } from 'apache-arrow';
import type { Data, Decimal, Field, FixedSizeList } from 'apache-arrow';
import {
  DuckDBArrayValue, DuckDBBlobValue, DuckDBDateValue, DuckDBDecimalValue, DuckDBIntervalValue, DuckDBListValue,
  DuckDBMapValue, DuckDBStructValue, DuckDBTimeNSValue, DuckDBTimestampMillisecondsValue, DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue, DuckDBTimestampTZValue, DuckDBTimestampValue, DuckDBTimeValue,
} from '@duckdb/node-api';
import type { DuckDBValue } from '@duckdb/node-api';

export type Canonical = null | boolean | number | bigint | string | Canonical[] | { [key: string]: Canonical };

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

export function fromDuckDB(value: DuckDBValue): Canonical {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') return value;
  if (value instanceof DuckDBDecimalValue) return value.value;
  if (value instanceof DuckDBDateValue) return value.days;
  if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue || value instanceof DuckDBTimeValue) return value.micros;
  if (value instanceof DuckDBTimestampSecondsValue) return value.seconds;
  if (value instanceof DuckDBTimestampMillisecondsValue) return value.millis;
  if (value instanceof DuckDBTimestampNanosecondsValue || value instanceof DuckDBTimeNSValue) return value.nanos;
  if (value instanceof DuckDBIntervalValue) return `${value.months}|${value.days}|${value.micros}`;
  if (value instanceof DuckDBBlobValue) return hex(value.bytes);
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) return value.items.map(fromDuckDB);
  if (value instanceof DuckDBStructValue) return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, fromDuckDB(v)]));
  if (value instanceof DuckDBMapValue) return value.entries.map((entry) => [fromDuckDB(entry.key), fromDuckDB(entry.value)]);
  return String(value); // UUID, TIMETZ, BIT, ...: their text
}

function words(data: Data, index: number, stride: number, signed: boolean): bigint {
  const values = data.values as Uint32Array;
  let result = 0n;
  for (let w = stride - 1; w >= 0; w--) result = (result << 32n) | BigInt(values[index * stride + w] as number);
  return signed ? BigInt.asIntN(stride * 32, result) : result;
}

export function fromArrow(field: Field, data: Data, index: number): Canonical {
  const type = field.type as DataType;
  if (DataType.isNull(type) || !data.getValid(index)) return null;
  if (DataType.isBool(type)) return ((data.values[(data.offset + index) >> 3] as number) >> ((data.offset + index) & 7) & 1) === 1;
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDate(type) || DataType.isTimestamp(type) || DataType.isTime(type)) {
    return data.values[index] as number | bigint;
  }
  if (DataType.isDecimal(type)) {
    const stride = (type as Decimal).bitWidth / 32;
    return words(data, index, stride, field.metadata.get('duckdb_type') !== 'UHUGEINT');
  }
  if (DataType.isInterval(type)) {
    // DuckDB's microseconds in the 64-bit part (arrow/schema.ts, field metadata interval_unit).
    if (field.metadata.get('interval_unit') !== 'us') throw new Error('interval without its unit');
    const values = data.values as Int32Array;
    const micros = new BigInt64Array(values.buffer, values.byteOffset + index * 16 + 8, 1)[0] as bigint;
    return `${values[index * 4]}|${values[index * 4 + 1]}|${micros}`;
  }
  if (DataType.isUtf8(type) || DataType.isDictionary(type) || DataType.isBinary(type)) {
    const value = makeVector(data).get(index) as string | Uint8Array;
    return typeof value === 'string' ? value : hex(value);
  }
  const bounds = (): [number, number] => DataType.isFixedSizeList(type)
    ? [index * (type as FixedSizeList).listSize, (index + 1) * (type as FixedSizeList).listSize]
    : [data.valueOffsets[index] as number, data.valueOffsets[index + 1] as number];
  if (DataType.isStruct(type)) {
    return Object.fromEntries(type.children.map((child: Field, c: number) => [child.name, fromArrow(child, data.children[c] as Data, index)]));
  }
  if (DataType.isMap(type)) {
    const [begin, end] = bounds();
    const entries = data.children[0] as Data;
    const [keyField, valueField] = (type.children[0] as Field).type.children as [Field, Field];
    const out: Canonical[] = [];
    for (let i = begin; i < end; i++) out.push([fromArrow(keyField, entries.children[0] as Data, i), fromArrow(valueField, entries.children[1] as Data, i)]);
    return out;
  }
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const [begin, end] = bounds();
    const out: Canonical[] = [];
    for (let i = begin; i < end; i++) out.push(fromArrow(type.children[0] as Field, data.children[0] as Data, i));
    return out;
  }
  throw new Error(`unexpected Arrow type ${String(type)}`);
}

