// VARIANT (DuckDB 1.5): each value decoded once, when its chunk becomes Arrow, into the two
// texts every reader needs: DuckDB's own `::VARCHAR` text and its JSON.
//
// How it arrives: DuckDB type id 41, physically a STRUCT of four children (@duckdb/node-api's
// DuckDBVariantVector reads the same layout):
//   keys     LIST(VARCHAR)                                        the object keys of the row
//   children LIST(STRUCT(keys_index UINTEGER, values_index UINTEGER))  members of objects/arrays
//   values   LIST(STRUCT(type_id UTINYINT, byte_offset UINTEGER))      one per node, root first
//   data     BLOB                                                 the scalars' bytes
// so the layout is copied to Arrow with the generic code (build-data.ts) and read from there.
//
// How DuckDB prints it (checked against `::VARCHAR`, tests/format/variant-geometry-interval.test.ts):
// a scalar as its own type prints; an OBJECT as a STRUCT (`{'k': v}`, keys always quoted, values
// quoted where DuckDB quotes text inside nested values: `{'a': 'x, y'}`, `{'t': '2024-01-01 10:00:00'}`);
// an ARRAY as a LIST whose scalar elements are quoted the same way only when every element has
// the same type, for then DuckDB makes it a typed LIST: `['x, y', u]`; with a NULL or mixed
// types it is a LIST of VARIANTs, whose elements print bare: `[x, y, NULL]`. A MAP is stored as
// an array of {key, value} objects and prints so. A VARIANT whose root is a JSON null is NULL.
//
// The JSON (the `json` flavor, values.ts), documented mapping: integers of every width and
// decimals as JSON numbers with their exact digits (0.5000, never .5000), floats as the json
// flavor writes a FLOAT or DOUBLE column (shortest digits; "NaN", "Infinity", "-Infinity" as
// strings), booleans as booleans, a null as null, objects as objects and arrays (a MAP:
// [{"key":…,"value":…}]) as arrays; every other value (text, dates, times, timestamps,
// intervals, UUIDs, BLOBs, BITs, GEOMETRY) as a JSON string of its DuckDB text, as DuckDB's own
// `::JSON` of a VARIANT writes them (it writes NaN, Infinity and .5000 bare: not JSON, so not
// followed there).
import type { Data } from 'apache-arrow';
import { BLOB, DuckDBBitValue, DuckDBTimeTZValue, LIST, STRUCT, UINTEGER, UTINYINT, VARCHAR } from '@duckdb/node-api';
import { decimalText, floatJson, floatText } from '../format/numbers.ts';
import { DUCKDB_TIMESTAMP_STYLE, dateText, intervalText, timeText, timestampText } from '../format/temporal.ts';
import { blobText, jsonString, nestedElementText } from '../format/text-escapes.ts';
import { wktFromWkb } from '../format/wkt.ts';
import type { ArrowValidity } from './raw-vector.ts';
import { joinParts, uuidFromStorage } from './strings.ts';
import type { VariableWidth } from './strings.ts';

/** The physical layout of a VARIANT vector (DuckDB's LogicalType::VARIANT()). */
export const VARIANT_LAYOUT = STRUCT({
  keys: LIST(VARCHAR),
  children: LIST(STRUCT({ keys_index: UINTEGER, values_index: UINTEGER })),
  values: LIST(STRUCT({ type_id: UTINYINT, byte_offset: UINTEGER })),
  data: BLOB,
});

// DuckDB's VariantLogicalType tags.
const Tag = {
  NULL: 0, TRUE: 1, FALSE: 2, INT8: 3, INT16: 4, INT32: 5, INT64: 6, INT128: 7,
  UINT8: 8, UINT16: 9, UINT32: 10, UINT64: 11, UINT128: 12, FLOAT: 13, DOUBLE: 14, DECIMAL: 15,
  VARCHAR: 16, BLOB: 17, UUID: 18, DATE: 19, TIME_MICROS: 20, TIME_NANOS: 21,
  TIMESTAMP_SEC: 22, TIMESTAMP_MILLIS: 23, TIMESTAMP_MICROS: 24, TIMESTAMP_NANOS: 25,
  TIME_MICROS_TZ: 26, TIMESTAMP_MICROS_TZ: 27, INTERVAL: 28, OBJECT: 29, ARRAY: 30,
  BIGNUM: 31, BITSTRING: 32, GEOMETRY: 33,
} as const;

/**
 * What makes two scalars of one array the same type for DuckDB (a typed LIST, see above): the
 * tag, with a DECIMAL's width and scale; both booleans are one type.
 */
type ScalarType = number | string;

/** A decoded node: a scalar's DuckDB text and JSON, or a container's members. */
type VariantNode =
  | { kind: 'null' }
  | { kind: 'scalar'; type: ScalarType; text: string; json: string }
  | { kind: 'object'; entries: [string, VariantNode][] }
  | { kind: 'array'; items: VariantNode[] };

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** LEB128, as DuckDB writes lengths and counts in the data blob. */
function varint(view: DataView, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = view.getUint8(at++);
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, at];
    shift += 7;
  }
}

function int128(view: DataView, at: number, signed: boolean): bigint {
  const value = (view.getBigUint64(at + 8, true) << 64n) | view.getBigUint64(at, true);
  return signed ? BigInt.asIntN(128, value) : value;
}

/** BIGNUM: a 3-byte header (top bit set when positive), then big-endian bytes, inverted when negative. */
function bignumText(bytes: Uint8Array): string {
  const positive = ((bytes[0] as number) & 0x80) !== 0;
  let value = 0n;
  for (let i = 3; i < bytes.length; i++) value = (value << 8n) | BigInt(positive ? (bytes[i] as number) : 255 - (bytes[i] as number));
  return (positive ? value : -value).toString();
}


const numeric = (type: ScalarType, text: string): VariantNode => ({ kind: 'scalar', type, text, json: text });
const textual = (type: ScalarType, text: string): VariantNode => ({ kind: 'scalar', type, text, json: jsonString(text) });

/** One row of the physical layout, its lists' slices located. */
class VariantRow {
  private readonly view: DataView;

  constructor(
    private readonly layout: Data,
    private readonly blob: Uint8Array,
    private readonly keysAt: number,
    private readonly childrenAt: number,
    private readonly valuesAt: number,
  ) {
    this.view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  }

  private key(index: number): string {
    const keys = (this.layout.children[0] as Data).children[0] as Data;
    const offsets = keys.valueOffsets as Int32Array;
    const at = this.keysAt + index;
    return decoder.decode((keys.values as Uint8Array).subarray(offsets[at], offsets[at + 1]));
  }

  private member(index: number): [number, number] {
    const members = ((this.layout.children[1] as Data).children[0] as Data).children as Data[];
    const at = this.childrenAt + index;
    return [(members[0] as Data).values[at] as number, (members[1] as Data).values[at] as number];
  }

  private bytes(at: number): Uint8Array {
    const [length, start] = varint(this.view, at);
    return this.blob.subarray(start, start + length);
  }

  node(index: number): VariantNode {
    const nodes = ((this.layout.children[2] as Data).children[0] as Data).children as Data[];
    const tag = (nodes[0] as Data).values[this.valuesAt + index] as number;
    const at = (nodes[1] as Data).values[this.valuesAt + index] as number;
    const view = this.view;
    switch (tag) {
      case Tag.NULL: return { kind: 'null' };
      case Tag.TRUE: return numeric(Tag.TRUE, 'true');
      case Tag.FALSE: return numeric(Tag.TRUE, 'false');
      case Tag.INT8: return numeric(tag, String(view.getInt8(at)));
      case Tag.INT16: return numeric(tag, String(view.getInt16(at, true)));
      case Tag.INT32: return numeric(tag, String(view.getInt32(at, true)));
      case Tag.INT64: return numeric(tag, String(view.getBigInt64(at, true)));
      case Tag.INT128: return numeric(tag, String(int128(view, at, true)));
      case Tag.UINT8: return numeric(tag, String(view.getUint8(at)));
      case Tag.UINT16: return numeric(tag, String(view.getUint16(at, true)));
      case Tag.UINT32: return numeric(tag, String(view.getUint32(at, true)));
      case Tag.UINT64: return numeric(tag, String(view.getBigUint64(at, true)));
      case Tag.UINT128: return numeric(tag, String(int128(view, at, false)));
      case Tag.FLOAT:
      case Tag.DOUBLE: {
        const float32 = tag === Tag.FLOAT;
        const value = float32 ? view.getFloat32(at, true) : view.getFloat64(at, true);
        // A NaN with its sign bit set prints -nan (DuckDB); a JS number cannot carry that bit.
        const negativeNaN = Number.isNaN(value) && (view.getUint8(at + (float32 ? 3 : 7)) & 0x80) !== 0;
        const text = negativeNaN ? '-nan' : floatText(value, float32);
        return { kind: 'scalar', type: tag, text, json: floatJson(value, float32) };
      }
      case Tag.DECIMAL: {
        const [width, afterWidth] = varint(view, at);
        const [scale, start] = varint(view, afterWidth);
        const unscaled = width <= 4 ? BigInt(view.getInt16(start, true))
          : width <= 9 ? BigInt(view.getInt32(start, true))
          : width <= 18 ? view.getBigInt64(start, true)
          : int128(view, start, true);
        // DuckDB writes a DECIMAL(p,p) without its leading zero (.5000); JSON needs the zero.
        return { kind: 'scalar', type: `${tag}(${width},${scale})`, text: decimalText(unscaled, scale, '.', width !== scale), json: decimalText(unscaled, scale) };
      }
      case Tag.VARCHAR: return textual(tag, decoder.decode(this.bytes(at)));
      case Tag.BLOB: return textual(tag, blobText(this.bytes(at)));
      case Tag.UUID: return textual(tag, uuidFromStorage(this.blob.subarray(at, at + 16)));
      case Tag.DATE: return textual(tag, dateText(view.getInt32(at, true)));
      case Tag.TIME_MICROS: return textual(tag, timeText(view.getBigInt64(at, true), 'us'));
      case Tag.TIME_NANOS: return textual(tag, timeText(view.getBigInt64(at, true), 'ns'));
      case Tag.TIME_MICROS_TZ: return textual(tag, DuckDBTimeTZValue.fromBits(view.getBigUint64(at, true)).toString());
      case Tag.TIMESTAMP_SEC: return textual(tag, timestampText(view.getBigInt64(at, true), 's', null, DUCKDB_TIMESTAMP_STYLE));
      case Tag.TIMESTAMP_MILLIS: return textual(tag, timestampText(view.getBigInt64(at, true), 'ms', null, DUCKDB_TIMESTAMP_STYLE));
      case Tag.TIMESTAMP_MICROS: return textual(tag, timestampText(view.getBigInt64(at, true), 'us', null, DUCKDB_TIMESTAMP_STYLE));
      case Tag.TIMESTAMP_NANOS: return textual(tag, timestampText(view.getBigInt64(at, true), 'ns', null, DUCKDB_TIMESTAMP_STYLE));
      // In UTC (+00) whatever the session's TimeZone: DuckDB's own VARIANT text does so (checked
      // under America/Sao_Paulo), unlike a TIMESTAMPTZ column's.
      case Tag.TIMESTAMP_MICROS_TZ: return textual(tag, timestampText(view.getBigInt64(at, true), 'us', 'UTC', DUCKDB_TIMESTAMP_STYLE));
      case Tag.INTERVAL:
        return textual(tag, intervalText(view.getInt32(at, true), view.getInt32(at + 4, true), view.getBigInt64(at + 8, true)));
      case Tag.BIGNUM: return numeric(tag, bignumText(this.bytes(at)));
      case Tag.BITSTRING: return textual(tag, new DuckDBBitValue(this.bytes(at)).toString());
      case Tag.GEOMETRY: return textual(tag, wktFromWkb(this.bytes(at)));
      case Tag.OBJECT:
      case Tag.ARRAY: {
        const [count, next] = varint(view, at);
        const first = count > 0 ? varint(view, next)[0] : 0;
        const members = Array.from({ length: count }, (_, i) => this.member(first + i));
        if (tag === Tag.ARRAY) return { kind: 'array', items: members.map(([, value]) => this.node(value)) };
        return { kind: 'object', entries: members.map(([key, value]) => [this.key(key), this.node(value)]) };
      }
      default:
        throw new Error(`VARIANT value of unknown type ${String(tag)}`);
    }
  }
}

/** DuckDB's text of a node inside a container: quoted (scalars) when its container is typed. */
function textOf(node: VariantNode, quoted: boolean): string {
  switch (node.kind) {
    case 'null': return 'NULL';
    case 'scalar': return quoted ? nestedElementText(node.text) : node.text;
    case 'object':
      return `{${node.entries.map(([key, value]) => `${nestedElementText(key, true)}: ${textOf(value, true)}`).join(', ')}}`;
    case 'array': {
      const first = node.items[0];
      const typed = first !== undefined && first.kind === 'scalar' && node.items.every((item) => item.kind === 'scalar' && item.type === first.type);
      return `[${node.items.map((item) => textOf(item, typed)).join(', ')}]`;
    }
  }
}

function jsonOf(node: VariantNode): string {
  switch (node.kind) {
    case 'null': return 'null';
    case 'scalar': return node.json;
    case 'object': return `{${node.entries.map(([key, value]) => `${jsonString(key)}:${jsonOf(value)}`).join(',')}}`;
    case 'array': return `[${node.items.map(jsonOf).join(',')}]`;
  }
}

export interface VariantTexts {
  validity: ArrowValidity;
  text: VariableWidth;
  json: VariableWidth;
}

function variableWidth(parts: Uint8Array[], present: readonly boolean[]): VariableWidth {
  const offsets = new Int32Array(present.length + 1);
  let total = 0;
  let next = 0;
  for (let k = 0; k < present.length; k++) {
    if (present[k]) total += (parts[next++] as Uint8Array).length;
    offsets[k + 1] = total;
  }
  return { offsets, bytes: joinParts(parts, total) };
}

/**
 * The text and JSON of each row of a VARIANT copied to Arrow in its physical layout
 * (VARIANT_LAYOUT). A row whose root is a null is NULL, as DuckDB has it (`x IS NULL`).
 */
export function variantTexts(layout: Data): VariantTexts {
  const encoder = new TextEncoder();
  const [keys, children, values, data] = layout.children as [Data, Data, Data, Data];
  const texts: Uint8Array[] = [];
  const jsons: Uint8Array[] = [];
  const present: boolean[] = [];
  const bitmap = new Uint8Array(Math.ceil(layout.length / 8));
  let nullCount = 0;
  for (let k = 0; k < layout.length; k++) {
    let root: VariantNode = { kind: 'null' };
    if (layout.getValid(k)) {
      const dataOffsets = data.valueOffsets as Int32Array;
      const blob = (data.values as Uint8Array).subarray(dataOffsets[k], dataOffsets[k + 1]);
      const at = (list: Data) => (list.valueOffsets as Int32Array)[k] as number;
      const row = new VariantRow(layout, blob, at(keys), at(children), at(values));
      root = row.node(0);
    }
    present.push(root.kind !== 'null');
    if (root.kind === 'null') {
      nullCount++;
      continue;
    }
    bitmap[k >> 3] = (bitmap[k >> 3] as number) | (1 << (k & 7));
    texts.push(encoder.encode(textOf(root, false)));
    jsons.push(encoder.encode(jsonOf(root)));
  }
  return {
    validity: nullCount === 0 ? { bitmap: undefined, nullCount: 0 } : { bitmap, nullCount },
    text: variableWidth(texts, present),
    json: variableWidth(jsons, present),
  };
}
