// One DuckDB vector (and its children) -> one Arrow Data, from the raw vector memory.
import bindings from '@duckdb/node-bindings';
import type { Vector } from '@duckdb/node-bindings';
import { DataType, makeData, vectorFromArray } from 'apache-arrow';
import type { Data, Dictionary, Field, Utf8, Vector as ArrowVector } from 'apache-arrow';
import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBArrayType, DuckDBDecimalType, DuckDBEnumType, DuckDBListType, DuckDBMapType, DuckDBStructType, DuckDBType } from '@duckdb/node-api';
import { copyFixedWidth, isValidAt, rowRange, rowsExtent, validityFor, vectorBytes } from './raw-vector.ts';
import type { ArrowValidity, Rows } from './raw-vector.ts';
import { enumText, geometryText, stringBytes, uuidText, valueText } from './strings.ts';
import { decimalFromStorage, packBooleans } from './fixed-width.ts';
import { arrowFieldFor } from './schema.ts';
import { VARIANT_LAYOUT, variantTexts } from './variant.ts';

/** Bytes per value of the fixed-width types whose DuckDB layout is already Arrow's. */
const SAME_LAYOUT_WIDTH: Partial<Record<DuckDBTypeId, number>> = {
  [DuckDBTypeId.TINYINT]: 1, [DuckDBTypeId.UTINYINT]: 1,
  [DuckDBTypeId.SMALLINT]: 2, [DuckDBTypeId.USMALLINT]: 2,
  [DuckDBTypeId.INTEGER]: 4, [DuckDBTypeId.UINTEGER]: 4, [DuckDBTypeId.DATE]: 4, [DuckDBTypeId.FLOAT]: 4,
  [DuckDBTypeId.BIGINT]: 8, [DuckDBTypeId.UBIGINT]: 8, [DuckDBTypeId.DOUBLE]: 8,
  [DuckDBTypeId.TIME]: 8, [DuckDBTypeId.TIME_NS]: 8,
  [DuckDBTypeId.TIMESTAMP]: 8, [DuckDBTypeId.TIMESTAMP_S]: 8, [DuckDBTypeId.TIMESTAMP_MS]: 8,
  [DuckDBTypeId.TIMESTAMP_NS]: 8, [DuckDBTypeId.TIMESTAMP_TZ]: 8,
  [DuckDBTypeId.HUGEINT]: 16,
};

const ENUM_CODE_WIDTH: Partial<Record<DuckDBTypeId, number>> = {
  [DuckDBTypeId.UTINYINT]: 1, [DuckDBTypeId.USMALLINT]: 2, [DuckDBTypeId.UINTEGER]: 4,
};

/**
 * @param vector the DuckDB vector
 * @param extent how many rows the vector holds (the chunk size, or a list child's size)
 * @param rows which of its rows become the Arrow rows, in order
 */
/**
 * Zeroes the values under NULLs: DuckDB leaves whatever its buffer held there (seen: other
 * queries' raw CPFs), and those bytes would otherwise travel in the IPC to the renderer.
 */
function zeroNulls(bytes: Uint8Array, width: number, validity: ArrowValidity): Uint8Array {
  if (validity.nullCount === 0) return bytes;
  for (let k = 0; k * width < bytes.length; k++) if (!isValidAt(validity, k)) bytes.fill(0, k * width, (k + 1) * width);
  return bytes;
}

export function buildData(vector: Vector, extent: number, duckType: DuckDBType, field: Field, rows: Rows): Data {
  const type = field.type as DataType;
  const length = rows.count;
  if (duckType.typeId === DuckDBTypeId.SQLNULL) return makeData({ type, length, nullCount: length });
  const validity = validityFor(vector, rows);
  const base = { type, length, nullCount: validity.nullCount, nullBitmap: validity.bitmap };
  const sameWidth = SAME_LAYOUT_WIDTH[duckType.typeId];
  if (sameWidth !== undefined) {
    const bytes = zeroNulls(copyFixedWidth(vector, rows, sameWidth), sameWidth, validity);
    return makeData({ ...base, data: new (type.ArrayType as Uint8ArrayConstructor)(bytes.buffer) } as never);
  }
  switch (duckType.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return makeData({ ...base, data: packBooleans(zeroNulls(copyFixedWidth(vector, rows, bindings.sizeof_bool), bindings.sizeof_bool, validity), bindings.sizeof_bool) } as never);
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.DECIMAL: {
      const width = storageWidth(duckType);
      return makeData({ ...base, data: decimalFromStorage(zeroNulls(copyFixedWidth(vector, rows, width), width, validity), width, duckType.typeId === DuckDBTypeId.UHUGEINT) } as never);
    }
    case DuckDBTypeId.INTERVAL: {
      // DuckDB's {int32 months, int32 days, int64 micros} as it is: microseconds (schema.ts).
      const bytes = zeroNulls(copyFixedWidth(vector, rows, 16), 16, validity);
      return makeData({ ...base, data: new Int32Array(bytes.buffer) } as never);
    }
    case DuckDBTypeId.GEOMETRY: {
      const { offsets, bytes } = geometryText(vector, rows, validity);
      return makeData({ ...base, valueOffsets: offsets, data: bytes } as never);
    }
    case DuckDBTypeId.VARIANT:
      return variantData(vector, extent, type, rows);
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.BLOB: {
      const { offsets, bytes } = stringBytes(vector, rows, validity);
      return makeData({ ...base, valueOffsets: offsets, data: bytes } as never);
    }
    case DuckDBTypeId.UUID: {
      const { offsets, bytes } = uuidText(vector, rows, validity);
      return makeData({ ...base, valueOffsets: offsets, data: bytes } as never);
    }
    case DuckDBTypeId.ENUM:
      return enumData(vector, duckType as DuckDBEnumType, type, rows, validity);
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.MAP:
      return listData(vector, duckType as DuckDBListType | DuckDBMapType, field, rows, validity);
    case DuckDBTypeId.ARRAY:
      return arrayData(vector, extent, duckType as DuckDBArrayType, field, rows, validity);
    case DuckDBTypeId.STRUCT: {
      const struct = duckType as DuckDBStructType;
      const children = type.children.map((child, i) =>
        buildData(bindings.struct_vector_get_child(vector, i), extent, struct.entryTypes[i] as DuckDBType, child, rows),
      );
      return makeData({ ...base, children } as never);
    }
    default: {
      const { offsets, bytes } = valueText(vector, extent, duckType, rows, validity);
      return makeData({ ...base, valueOffsets: offsets, data: bytes } as never);
    }
  }
}

const variantLayoutField = arrowFieldFor('variant', VARIANT_LAYOUT);

/** VARIANT: its physical layout copied as any STRUCT is, then each row's text and JSON (variant.ts). */
function variantData(vector: Vector, extent: number, type: DataType, rows: Rows): Data {
  const layout = buildData(vector, extent, VARIANT_LAYOUT, variantLayoutField, rows);
  const { validity, text, json } = variantTexts(layout);
  const [textField, jsonField] = type.children as [Field, Field];
  const child = (field: Field, part: { offsets: Int32Array; bytes: Uint8Array }) =>
    makeData({ type: field.type, length: rows.count, nullCount: 0, valueOffsets: part.offsets, data: part.bytes } as never);
  return makeData({
    type, length: rows.count, nullCount: validity.nullCount, nullBitmap: validity.bitmap,
    children: [child(textField, text), child(jsonField, json)],
  } as never);
}

function storageWidth(duckType: DuckDBType): number {
  if (duckType.typeId !== DuckDBTypeId.DECIMAL) return 16;
  const { width } = duckType as DuckDBDecimalType;
  return width <= 4 ? 2 : width <= 9 ? 4 : width <= 18 ? 8 : 16;
}

// One dictionary vector per Arrow Dictionary type: every batch of a result shares it, so an IPC
// stream carries it once.
const dictionaries = new WeakMap<DataType, ArrowVector<Utf8>>();

function enumData(vector: Vector, duckType: DuckDBEnumType, type: DataType, rows: Rows, validity: ArrowValidity): Data {
  const width = ENUM_CODE_WIDTH[duckType.internalTypeId] ?? 4;
  const bytes = copyFixedWidth(vector, rows, width);
  const codes = width === 1 ? bytes : width === 2 ? new Uint16Array(bytes.buffer) : new Uint32Array(bytes.buffer);
  const base = { type, length: rows.count, nullCount: validity.nullCount, nullBitmap: validity.bitmap };
  if (!DataType.isDictionary(type)) {
    const { offsets, bytes: text } = enumText(codes, duckType.values, validity);
    return makeData({ ...base, valueOffsets: offsets, data: text } as never);
  }
  let dictionary = dictionaries.get(type);
  if (!dictionary) {
    dictionary = vectorFromArray([...duckType.values], (type as Dictionary<Utf8>).dictionary) as ArrowVector<Utf8>;
    dictionaries.set(type, dictionary);
  }
  return makeData({ ...base, data: codes, dictionary } as never);
}

function listData(vector: Vector, duckType: DuckDBListType | DuckDBMapType, field: Field, rows: Rows, validity: ArrowValidity): Data {
  const childVector = bindings.list_vector_get_child(vector);
  const childExtent = bindings.list_vector_get_size(vector);
  // Entries are (uint64 offset, uint64 length) per row; read the low words (child sizes fit in 32 bits).
  const entries = vectorBytes(vector, rowsExtent(rows) * 16);
  const words = new Uint32Array(entries.buffer, entries.byteOffset, entries.byteLength / 4);
  const { count } = rows;
  const offsets = new Int32Array(count + 1);
  let laidEndToEnd = true;
  let firstOffset = -1;
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (isValidAt(validity, k)) {
      const row = rows.index ? (rows.index[k] as number) : rows.start + k;
      const offset = words[row * 4] as number;
      const length = words[row * 4 + 2] as number;
      if (length > 0) {
        if (firstOffset < 0) firstOffset = offset;
        else if (offset !== firstOffset + total) laidEndToEnd = false;
      }
      total += length;
    }
    offsets[k + 1] = total;
  }
  let childRows: Rows;
  if (laidEndToEnd) {
    childRows = rowRange(Math.max(firstOffset, 0), total);
  } else {
    const index = new Int32Array(total);
    for (let k = 0, at = 0; k < count; k++) {
      if (!isValidAt(validity, k)) continue;
      const row = rows.index ? (rows.index[k] as number) : rows.start + k;
      const offset = words[row * 4] as number;
      const length = words[row * 4 + 2] as number;
      for (let i = 0; i < length; i++) index[at++] = offset + i;
    }
    childRows = { start: 0, count: total, index };
  }
  const childField = (field.type as DataType).children[0] as Field;
  const child = duckType.typeId === DuckDBTypeId.MAP
    ? mapEntriesData(childVector, childExtent, duckType as DuckDBMapType, childField, childRows)
    : buildData(childVector, childExtent, (duckType as DuckDBListType).valueType, childField, childRows);
  return makeData({
    type: field.type, length: count, nullCount: validity.nullCount, nullBitmap: validity.bitmap,
    valueOffsets: offsets, child,
  } as never);
}

/** A MAP's child is a STRUCT(key, value) vector; Arrow's Map_ wants the same shape. */
function mapEntriesData(vector: Vector, extent: number, duckType: DuckDBMapType, entriesField: Field, rows: Rows): Data {
  const [keyField, valueField] = (entriesField.type as DataType).children as [Field, Field];
  const keys = buildData(bindings.struct_vector_get_child(vector, 0), extent, duckType.keyType, keyField, rows);
  const values = buildData(bindings.struct_vector_get_child(vector, 1), extent, duckType.valueType, valueField, rows);
  return makeData({ type: entriesField.type, length: rows.count, nullCount: 0, children: [keys, values] } as never);
}

function arrayData(vector: Vector, extent: number, duckType: DuckDBArrayType, field: Field, rows: Rows, validity: ArrowValidity): Data {
  const size = duckType.length;
  let childRows: Rows;
  if (!rows.index) {
    childRows = rowRange(rows.start * size, rows.count * size);
  } else {
    const index = new Int32Array(rows.count * size);
    for (let k = 0; k < rows.count; k++) for (let i = 0; i < size; i++) index[k * size + i] = (rows.index[k] as number) * size + i;
    childRows = { start: 0, count: index.length, index };
  }
  const childField = (field.type as DataType).children[0] as Field;
  const child = buildData(bindings.array_vector_get_child(vector), extent * size, duckType.valueType, childField, childRows);
  return makeData({ type: field.type, length: rows.count, nullCount: validity.nullCount, nullBitmap: validity.bitmap, child } as never);
}
