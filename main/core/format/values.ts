// Rendering one Arrow value as text: the one place every text writer gets its values from.
//
// Values are read from the Arrow buffers (not `vector.get`, which turns wide integers,
// decimals and microsecond timestamps into floats) and the field's `duckdb_type` metadata says
// what a Utf8 or Decimal column really is (UUID, JSON, HUGEINT, ...).
import { DataType, TimeUnit } from 'apache-arrow';
import type { Data, Decimal, Field, FixedSizeList, Time, Timestamp } from 'apache-arrow';
import { DUCKDB_TYPE_KEY } from '../arrow/schema.ts';
import { bigIntFromWords, decimalText, floatJson, floatText } from './numbers.ts';
import { DUCKDB_TIMESTAMP_STYLE, dateText, intervalText, timeText, timestampText } from './temporal.ts';
import type { TimeUnitName, TimestampStyle } from './temporal.ts';
import { blobText, jsonString, nestedElementText } from './text-escapes.ts';

/** `text`: DuckDB's own VARCHAR rendering; `br`: Brazilian spreadsheet conventions; `json`: a JSON value. */
export type Flavor = 'text' | 'br' | 'json';

/** The value at `index` as text, or null for SQL NULL. */
export type ValueRenderer = (data: Data, index: number) => string | null;

const UNIT_NAMES: Record<TimeUnit, TimeUnitName> = {
  [TimeUnit.SECOND]: 's', [TimeUnit.MILLISECOND]: 'ms', [TimeUnit.MICROSECOND]: 'us', [TimeUnit.NANOSECOND]: 'ns',
};

const TIMESTAMP_STYLES: Record<Flavor, TimestampStyle> = {
  text: DUCKDB_TIMESTAMP_STYLE,
  br: { dates: 'br', separator: ' ', mark: ',', offsets: 'none', trimFraction: false },
  json: { dates: 'iso', separator: 'T', mark: '.', offsets: 'iso', trimFraction: true },
};

// ignoreBOM: a value that starts with U+FEFF keeps it (the default decoder would drop it).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

export function duckdbTypeOf(field: Field): string {
  return field.metadata.get(DUCKDB_TYPE_KEY) ?? '';
}

/** Numbers are right-aligned in tables and get the decimal comma in `br`. */
export function isNumericField(field: Field): boolean {
  const type = field.type as DataType;
  return DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type) || duckdbTypeOf(field) === 'BIGNUM';
}

export function rendererFor(field: Field, flavor: Flavor): ValueRenderer {
  const scalar = scalarRenderer(field, flavor);
  if (scalar) return scalar;
  return flavor === 'json' ? nestedJsonRenderer(field) : nestedTextRenderer(field);
}

function withNulls(render: (data: Data, index: number) => string): ValueRenderer {
  return (data, index) => (data.getValid(index) ? render(data, index) : null);
}

function scalarRenderer(field: Field, flavor: Flavor): ValueRenderer | null {
  const type = field.type as DataType;
  const json = flavor === 'json';
  const quote = json ? jsonString : (text: string) => text;
  const duckType = duckdbTypeOf(field);
  if (DataType.isNull(type)) return () => null;
  if (DataType.isBool(type)) {
    const [yes, no] = flavor === 'br' ? ['verdadeiro', 'falso'] : ['true', 'false'];
    return withNulls((data, index) => {
      const bit = data.offset + index;
      return ((data.values[bit >> 3] as number) >> (bit & 7)) & 1 ? yes : no;
    });
  }
  if (DataType.isInt(type)) return withNulls((data, index) => String(data.values[index]));
  if (DataType.isFloat(type)) {
    const float32 = (type as DataType).ArrayType === Float32Array;
    if (json) return withNulls((data, index) => floatJson(data.values[index] as number, float32));
    const mark = flavor === 'br' ? ',' : '.';
    return withNulls((data, index) => {
      const value = data.values[index] as number;
      // DuckDB prints a NaN whose sign bit is set as -nan; a JS number cannot carry that bit.
      return Number.isNaN(value) && signBitSet(data.values as Float32Array | Float64Array, index) ? '-nan' : floatText(value, float32, mark);
    });
  }
  if (DataType.isDecimal(type)) {
    const { scale, precision, bitWidth } = type as Decimal;
    const words = bitWidth / 32;
    const signed = duckType !== 'UHUGEINT';
    const mark = flavor === 'br' ? ',' : '.';
    // DuckDB writes a DECIMAL(p,p) without its leading zero (.5000); JSON needs the zero (0.5000
    // is a number, .5000 is not) and a Brazilian reader expects it (0,5000).
    const leadingZero = flavor !== 'text' || precision !== scale;
    return withNulls((data, index) =>
      decimalText(bigIntFromWords(data.values as Uint32Array, index * words, words, signed), scale, mark, leadingZero));
  }
  if (DataType.isDate(type)) {
    const style = flavor === 'br' ? 'br' : 'iso';
    return withNulls((data, index) => quote(dateText(data.values[index] as number, style)));
  }
  if (DataType.isTimestamp(type)) {
    // A TIMESTAMPTZ's field names the zone its instants are shown in (arrow/schema.ts).
    const { unit, timezone } = type as Timestamp;
    const style = TIMESTAMP_STYLES[flavor];
    return withNulls((data, index) =>
      quote(timestampText(data.values[index] as bigint, UNIT_NAMES[unit], timezone ?? null, style)));
  }
  if (DataType.isTime(type)) {
    const unit = (type as Time).unit === TimeUnit.NANOSECOND ? 'ns' : 'us';
    const mark = flavor === 'br' ? ',' : '.';
    return withNulls((data, index) => quote(timeText(BigInt(data.values[index] as bigint), unit, mark)));
  }
  if (DataType.isInterval(type)) {
    // The 64-bit part holds DuckDB's microseconds, not Arrow's nanoseconds (arrow/schema.ts).
    return withNulls((data, index) => {
      const values = data.values as Int32Array;
      const micros = new BigInt64Array(values.buffer, values.byteOffset + index * 16 + 8, 1)[0] as bigint;
      return quote(intervalText(values[index * 4] as number, values[index * 4 + 1] as number, micros));
    });
  }
  if (duckType === 'VARIANT' && DataType.isStruct(type)) {
    // DuckDB's text, or the value's JSON (arrow/variant.ts documents both), decoded with the chunk.
    const child = json ? 1 : 0;
    return withNulls((data, index) => {
      const part = data.children[child] as Data;
      const offsets = part.valueOffsets as Int32Array;
      return decoder.decode((part.values as Uint8Array).subarray(offsets[index], offsets[index + 1]));
    });
  }
  if (DataType.isUtf8(type)) {
    const raw = json && (duckType === 'JSON' || duckType === 'BIGNUM');
    return withNulls((data, index) => {
      const offsets = data.valueOffsets as Int32Array;
      const text = decoder.decode((data.values as Uint8Array).subarray(offsets[index], offsets[index + 1]));
      return raw ? text : quote(text);
    });
  }
  if (DataType.isBinary(type)) {
    return withNulls((data, index) => {
      const offsets = data.valueOffsets as Int32Array;
      return quote(blobText((data.values as Uint8Array).subarray(offsets[index], offsets[index + 1])));
    });
  }
  if (DataType.isDictionary(type)) {
    return withNulls((data, index) => {
      const dictionary = data.dictionary as unknown as { get(i: number): string };
      return quote(dictionary.get(data.values[index] as number));
    });
  }
  return null;
}

interface Child {
  field: Field;
  render: ValueRenderer;
  /** Leaf values of a nested text get quoted when DuckDB would quote them. */
  leaf: boolean;
}

function childOf(field: Field, flavor: Flavor): Child {
  // A VARIANT inside a LIST, STRUCT or MAP prints bare, as DuckDB prints it: {'a': x, y}.
  const leaf = scalarRenderer(field, flavor) !== null && duckdbTypeOf(field) !== 'JSON' && duckdbTypeOf(field) !== 'VARIANT';
  return { field, render: rendererFor(field, flavor), leaf };
}

/** The child rows of a list-like value at `index`: [begin, end) in children[0]. */
function listBounds(data: Data, index: number): [number, number] {
  if (DataType.isFixedSizeList(data.type)) {
    const size = (data.type as FixedSizeList).listSize;
    return [index * size, (index + 1) * size];
  }
  const offsets = data.valueOffsets as Int32Array;
  return [offsets[index] as number, offsets[index + 1] as number];
}

function nestedTextRenderer(field: Field): ValueRenderer {
  const type = field.type as DataType;
  const element = (child: Child, data: Data, index: number): string => {
    const text = child.render(data, index);
    if (text === null) return 'NULL';
    return child.leaf ? nestedElementText(text) : text;
  };
  if (DataType.isStruct(type)) {
    const children = type.children.map((f: Field) => childOf(f, 'text'));
    // An unnamed STRUCT (row(1, 'a')) prints as DuckDB prints it: (1, a).
    if (isUnnamedStruct(type)) {
      return withNulls((data, index) => `(${children.map((child: Child, c: number) => element(child, data.children[c] as Data, index)).join(', ')})`);
    }
    return withNulls((data, index) => {
      const parts = children.map((child: Child, c: number) =>
        `${nestedElementText(child.field.name, true)}: ${element(child, data.children[c] as Data, index)}`);
      return `{${parts.join(', ')}}`;
    });
  }
  if (DataType.isMap(type)) {
    const [keyField, valueField] = (type.children[0] as Field).type.children as [Field, Field];
    const key = childOf(keyField, 'text');
    const value = childOf(valueField, 'text');
    return withNulls((data, index) => {
      const [begin, end] = listBounds(data, index);
      const entries = data.children[0] as Data;
      const parts: string[] = [];
      for (let i = begin; i < end; i++) {
        parts.push(`${element(key, entries.children[0] as Data, i)}=${element(value, entries.children[1] as Data, i)}`);
      }
      return `{${parts.join(', ')}}`;
    });
  }
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const item = childOf(type.children[0] as Field, 'text');
    // DuckDB quotes no element of an ARRAY (fixed size): ['a, b', 'c']::VARCHAR[2] prints [a, b, c].
    if (DataType.isFixedSizeList(type)) item.leaf = false;
    return withNulls((data, index) => {
      const [begin, end] = listBounds(data, index);
      const parts: string[] = [];
      for (let i = begin; i < end; i++) parts.push(element(item, data.children[0] as Data, i));
      return `[${parts.join(', ')}]`;
    });
  }
  throw new Error(`no text rendering for Arrow type ${String(type)}`);
}

function nestedJsonRenderer(field: Field): ValueRenderer {
  const type = field.type as DataType;
  const value = (render: ValueRenderer, data: Data, index: number): string => render(data, index) ?? 'null';
  if (DataType.isStruct(type)) {
    const children = type.children.map((f: Field) => ({ key: jsonString(f.name), render: rendererFor(f, 'json') }));
    // Unnamed: a JSON array, not an object with the same empty key repeated.
    if (isUnnamedStruct(type)) {
      return withNulls((data, index) => `[${children.map((child, c) => value(child.render, data.children[c] as Data, index)).join(',')}]`);
    }
    return withNulls((data, index) =>
      `{${children.map((child, c) => `${child.key}:${value(child.render, data.children[c] as Data, index)}`).join(',')}}`);
  }
  if (DataType.isMap(type)) {
    const [keyField, valueField] = (type.children[0] as Field).type.children as [Field, Field];
    const keyIsText = DataType.isUtf8(keyField.type) || DataType.isDictionary(keyField.type);
    const renderKey = rendererFor(keyField, keyIsText ? 'text' : 'json');
    const renderValue = rendererFor(valueField, 'json');
    return withNulls((data, index) => {
      const [begin, end] = listBounds(data, index);
      const entries = data.children[0] as Data;
      const parts: string[] = [];
      for (let i = begin; i < end; i++) {
        const key = renderKey(entries.children[0] as Data, i) ?? 'null';
        const item = value(renderValue, entries.children[1] as Data, i);
        parts.push(keyIsText ? `${jsonString(key)}:${item}` : `{"key":${key},"value":${item}}`);
      }
      return keyIsText ? `{${parts.join(',')}}` : `[${parts.join(',')}]`;
    });
  }
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const render = rendererFor(type.children[0] as Field, 'json');
    return withNulls((data, index) => {
      const [begin, end] = listBounds(data, index);
      const parts: string[] = [];
      for (let i = begin; i < end; i++) parts.push(value(render, data.children[0] as Data, i));
      return `[${parts.join(',')}]`;
    });
  }
  throw new Error(`no JSON rendering for Arrow type ${String(type)}`);
}

/** The sign bit of a float in its array, read from its bytes (little-endian: the last byte's top bit). */
function signBitSet(values: Float32Array | Float64Array, index: number): boolean {
  const width = values.BYTES_PER_ELEMENT;
  const lastByte = new Uint8Array(values.buffer, values.byteOffset + index * width + width - 1, 1)[0] as number;
  return (lastByte & 0x80) !== 0;
}

/** A STRUCT whose fields have no names, as row(1, 'a') makes. */
function isUnnamedStruct(type: DataType): boolean {
  return type.children.length > 0 && type.children.every((field: Field) => field.name === '');
}
