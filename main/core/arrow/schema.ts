// DuckDB SQL types -> Arrow types, chosen so no value loses bits on the way.
//
// Every field (nested children too) carries `duckdb_type` metadata with the DuckDB SQL type
// text, so consumers can tell e.g. HUGEINT from DECIMAL(38,0) or UUID from VARCHAR.
//
// Choices worth knowing:
// - HUGEINT  -> Decimal(precision 38, scale 0, 128-bit): the raw two's complement bits, lossless
//               even past 10^38 (Arrow's precision is only a declaration).
// - UHUGEINT -> Decimal(precision 39, scale 0, 256-bit): zero-extended, so it stays positive.
// - DECIMAL(p,s) of every storage width -> Decimal(s, p, 128-bit).
// - INTERVAL -> IntervalMonthDayNano holding DuckDB's own interval bytes: its 64-bit part is
//               MICROseconds, not nanoseconds (field metadata `interval_unit`: `us`). DuckDB's
//               time part reaches ±2^63 µs (`interval '2562047788 hours'`), 1000 times what
//               Arrow's nanoseconds hold, and a column's Arrow type is fixed before its first
//               value is seen. Keeping Arrow's interval type (not a struct or binary) keeps every
//               reader treating it as an interval (never a formula, never user text); the only
//               readers are Mirante's own (format/values.ts, the grid's cells.ts).
// - ENUM     -> Dictionary<Utf8> at the top level, Utf8 inside nested types.
// - VARIANT  -> Struct<text: Utf8, json: Utf8>: DuckDB's `::VARCHAR` text and the JSON of each
//               value, decoded once from DuckDB's layout (variant.ts has both rules).
// - GEOMETRY -> Utf8 WKT as DuckDB prints it (from the WKB DuckDB hands over; format/wkt.ts).
// - UUID, TIMETZ, BIT, BIGNUM, UNION -> Utf8 text of the value.
import {
  Binary,
  Bool,
  DataType,
  DateDay,
  Decimal,
  Dictionary,
  Field,
  FixedSizeList,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  IntervalMonthDayNano,
  List,
  Map_,
  Null,
  Schema,
  Struct,
  TimeMicrosecond,
  TimeNanosecond,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Utf8,
} from 'apache-arrow';
import {
  DuckDBArrayType,
  DuckDBDecimalType,
  DuckDBEnumType,
  DuckDBListType,
  DuckDBMapType,
  DuckDBStructType,
  DuckDBTypeId,
} from '@duckdb/node-api';
import type { DuckDBType } from '@duckdb/node-api';

export const DUCKDB_TYPE_KEY = 'duckdb_type';
/** On an INTERVAL field: the unit of the Arrow interval's 64-bit part (`us`, see above). */
export const INTERVAL_UNIT_KEY = 'interval_unit';

/** The DuckDB SQL type text of a type, keeping aliases such as JSON. */
export function duckdbTypeText(type: DuckDBType): string {
  return type.alias ?? type.toString();
}

/**
 * `timeZone`: the IANA zone the engine shows TIMESTAMPTZ values in (its `TimeZone`); Arrow
 * keeps the instant in UTC and the zone in the field, and every writer shows the wall clock of
 * that zone (format/temporal.ts).
 */
export function arrowSchemaFor(columns: readonly { name: string; type: DuckDBType }[], timeZone = 'UTC'): Schema {
  const names = uniqueNames(columns.map((column) => column.name));
  return new Schema(columns.map((column, i) => arrowFieldFor(names[i] as string, column.type, true, true, timeZone)));
}

/**
 * A result may repeat a column name (`select 1 as a, 2 as a`); apache-arrow merges fields by
 * name, so repeats become `a_1`, `a_2`, as DuckDB names them when it makes a table.
 */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 1; taken.has(candidate); n++) candidate = `${name}_${n}`;
    taken.add(candidate);
    return candidate;
  });
}

export function arrowFieldFor(name: string, type: DuckDBType, topLevel = false, nullable = true, timeZone = 'UTC'): Field {
  const metadata = new Map([[DUCKDB_TYPE_KEY, duckdbTypeText(type)]]);
  if (type.typeId === DuckDBTypeId.INTERVAL) metadata.set(INTERVAL_UNIT_KEY, 'us');
  return new Field(name, arrowTypeFor(type, topLevel, timeZone), nullable, metadata);
}

function arrowTypeFor(type: DuckDBType, topLevel: boolean, timeZone: string): DataType {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN: return new Bool();
    case DuckDBTypeId.TINYINT: return new Int8();
    case DuckDBTypeId.SMALLINT: return new Int16();
    case DuckDBTypeId.INTEGER: return new Int32();
    case DuckDBTypeId.BIGINT: return new Int64();
    case DuckDBTypeId.UTINYINT: return new Uint8();
    case DuckDBTypeId.USMALLINT: return new Uint16();
    case DuckDBTypeId.UINTEGER: return new Uint32();
    case DuckDBTypeId.UBIGINT: return new Uint64();
    case DuckDBTypeId.FLOAT: return new Float32();
    case DuckDBTypeId.DOUBLE: return new Float64();
    case DuckDBTypeId.HUGEINT: return new Decimal(0, 38, 128);
    case DuckDBTypeId.UHUGEINT: return new Decimal(0, 39, 256);
    case DuckDBTypeId.DECIMAL: {
      const decimal = type as DuckDBDecimalType;
      return new Decimal(decimal.scale, decimal.width, 128);
    }
    case DuckDBTypeId.DATE: return new DateDay();
    case DuckDBTypeId.TIME: return new TimeMicrosecond();
    case DuckDBTypeId.TIME_NS: return new TimeNanosecond();
    case DuckDBTypeId.TIMESTAMP: return new TimestampMicrosecond();
    case DuckDBTypeId.TIMESTAMP_S: return new TimestampSecond();
    case DuckDBTypeId.TIMESTAMP_MS: return new TimestampMillisecond();
    case DuckDBTypeId.TIMESTAMP_NS: return new TimestampNanosecond();
    case DuckDBTypeId.TIMESTAMP_TZ: return new TimestampMicrosecond(timeZone);
    case DuckDBTypeId.INTERVAL: return new IntervalMonthDayNano();
    case DuckDBTypeId.VARCHAR: return new Utf8();
    case DuckDBTypeId.BLOB: return new Binary();
    case DuckDBTypeId.SQLNULL: return new Null();
    case DuckDBTypeId.ENUM: return topLevel ? enumDictionary(type as DuckDBEnumType) : new Utf8();
    case DuckDBTypeId.LIST:
      return new List(arrowFieldFor('item', (type as DuckDBListType).valueType, false, true, timeZone));
    case DuckDBTypeId.ARRAY: {
      const array = type as DuckDBArrayType;
      return new FixedSizeList(array.length, arrowFieldFor('item', array.valueType, false, true, timeZone));
    }
    case DuckDBTypeId.STRUCT: {
      const struct = type as DuckDBStructType;
      return new Struct(struct.entryNames.map((name, i) => arrowFieldFor(name, struct.entryTypes[i] as DuckDBType, false, true, timeZone)));
    }
    case DuckDBTypeId.MAP: {
      const map = type as DuckDBMapType;
      const entries = new Struct([arrowFieldFor('key', map.keyType, false, false, timeZone), arrowFieldFor('value', map.valueType, false, true, timeZone)]);
      return new Map_(new Field('entries', entries, false));
    }
    case DuckDBTypeId.VARIANT:
      return new Struct([new Field('text', new Utf8(), false), new Field('json', new Utf8(), false)]);
    default:
      // UUID, TIMETZ, BIT, BIGNUM, UNION, GEOMETRY and anything newer: text of the value.
      return new Utf8();
  }
}

function enumDictionary(type: DuckDBEnumType): Dictionary {
  // Indices keep DuckDB's own storage width, so they are copied as they are.
  const indices =
    type.internalTypeId === DuckDBTypeId.UTINYINT ? new Uint8()
    : type.internalTypeId === DuckDBTypeId.USMALLINT ? new Uint16()
    : new Uint32();
  return new Dictionary(new Utf8(), indices);
}
