// Variable-width columns: Arrow offsets + concatenated bytes, built from DuckDB's memory
// without decoding to JS strings where the bytes are already right (VARCHAR, BLOB, UUID).
import bindings from '@duckdb/node-bindings';
import type { Vector } from '@duckdb/node-bindings';
import { DuckDBVector } from '@duckdb/node-api';
import type { DuckDBType } from '@duckdb/node-api';
import { wktFromWkb } from '../format/wkt.ts';
import { isValidAt, rowsExtent, vectorBytes } from './raw-vector.ts';
import type { ArrowValidity, Rows } from './raw-vector.ts';

export interface VariableWidth {
  offsets: Int32Array;
  bytes: Uint8Array;
}

const STRING_T_SIZE = 16;
const INLINE_LIMIT = 12;

/**
 * Long strings whose bytes lie one after another in DuckDB's memory (as its string heaps lay
 * them out), with gaps of at most this many bytes, are copied out in one native call instead of
 * one each: that call and the buffer it allocates were most of a text column's cost. Reading a
 * gap is safe: it is shorter than a memory page and lies between two strings' bytes, so its
 * pages are mapped; its bytes are skipped, never used.
 */
const MAX_HEAP_GAP = 64;
const TWO_TO_32 = 0x1_0000_0000;

/** Holds a pointer for get_data_from_pointer, which reads the pointer from a buffer. */
const pointerCell = new Uint32Array(2);

function heapBytes(pointer: number, length: number): Uint8Array {
  pointerCell[0] = pointer % TWO_TO_32;
  pointerCell[1] = Math.floor(pointer / TWO_TO_32);
  return bindings.get_data_from_pointer(pointerCell.buffer as ArrayBuffer, 0, length);
}

/**
 * duckdb_string_t is 16 bytes: a uint32 length, then either the bytes inline (length <= 12)
 * or a 4-byte prefix and a pointer. Null rows become empty entries.
 */
export function stringBytes(vector: Vector, rows: Rows, validity: ArrowValidity): VariableWidth {
  const extent = rowsExtent(rows);
  const source = vectorBytes(vector, extent * STRING_T_SIZE);
  const words = new Uint32Array(source.buffer, source.byteOffset, extent * 4);
  const { count, index, start } = rows;
  const offsets = new Int32Array(count + 1);
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (isValidAt(validity, k)) total += words[(index ? (index[k] as number) : start + k) * 4] as number;
    offsets[k + 1] = total;
  }
  const bytes = new Uint8Array(total);
  // The run of long strings not copied yet: rows [runFirst, k), heap bytes [runStart, runEnd).
  let runFirst = -1;
  let runStart = 0;
  let runEnd = 0;
  const copyRun = (until: number): void => {
    const span = heapBytes(runStart, runEnd - runStart);
    for (let r = runFirst; r < until; r++) {
      const begin = offsets[r] as number;
      const length = (offsets[r + 1] as number) - begin;
      if (length <= INLINE_LIMIT) continue;
      const word = (index ? (index[r] as number) : start + r) * 4;
      const pointer = (words[word + 2] as number) + (words[word + 3] as number) * TWO_TO_32;
      bytes.set(span.subarray(pointer - runStart, pointer - runStart + length), begin);
    }
    runFirst = -1;
  };
  for (let k = 0; k < count; k++) {
    const begin = offsets[k] as number;
    const length = (offsets[k + 1] as number) - begin;
    if (length === 0) continue;
    const word = (index ? (index[k] as number) : start + k) * 4;
    if (length <= INLINE_LIMIT) {
      const at = word * 4 + 4;
      for (let b = 0; b < length; b++) bytes[begin + b] = source[at + b] as number;
      continue;
    }
    const pointer = (words[word + 2] as number) + (words[word + 3] as number) * TWO_TO_32;
    if (runFirst >= 0 && (pointer < runEnd || pointer - runEnd > MAX_HEAP_GAP)) copyRun(k);
    if (runFirst < 0) {
      runFirst = k;
      runStart = pointer;
    }
    runEnd = pointer + length;
  }
  if (runFirst >= 0) copyRun(count);
  return { offsets, bytes };
}

const HEX = Array.from({ length: 256 }, (_, b) => [
  '0123456789abcdef'.charCodeAt(b >> 4),
  '0123456789abcdef'.charCodeAt(b & 15),
]);
const UUID_LENGTH = 36;

/** UUIDs are stored as a HUGEINT with the top bit flipped (so they sort as unsigned). */
export function uuidText(vector: Vector, rows: Rows, validity: ArrowValidity): VariableWidth {
  const extent = rowsExtent(rows);
  const source = vectorBytes(vector, extent * 16);
  const { count, index, start } = rows;
  const offsets = new Int32Array(count + 1);
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (isValidAt(validity, k)) total += UUID_LENGTH;
    offsets[k + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let k = 0; k < count; k++) {
    let at = offsets[k] as number;
    if (at === offsets[k + 1]) continue;
    const base = (index ? (index[k] as number) : start + k) * 16;
    // Big-endian text: upper int64 (bytes 15..8, top bit flipped) then lower uint64 (7..0).
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) bytes[at++] = 0x2d;
      let byte = source[base + 15 - i] as number;
      if (i === 0) byte ^= 0x80;
      const pair = HEX[byte] as number[];
      bytes[at++] = pair[0] as number;
      bytes[at++] = pair[1] as number;
    }
  }
  return { offsets, bytes };
}

/** One UUID's text from its 16 stored bytes (a HUGEINT, little-endian, top bit flipped). */
export function uuidFromStorage(stored: Uint8Array): string {
  let text = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
    let byte = stored[15 - i] as number;
    if (i === 0) byte ^= 0x80;
    text += String.fromCharCode(...(HEX[byte] as number[]));
  }
  return text;
}

/**
 * GEOMETRY: each value's WKB (a string_t, as @duckdb/node-api reads it) as DuckDB's WKT
 * (format/wkt.ts), the text DuckDB's `::VARCHAR` gives.
 */
export function geometryText(vector: Vector, rows: Rows, validity: ArrowValidity): VariableWidth {
  const wkb = stringBytes(vector, rows, validity);
  return textColumn(rows.count, validity, (k) => wktFromWkb(wkb.bytes.subarray(wkb.offsets[k], wkb.offsets[k + 1])));
}

/** A Utf8 column of `count` rows from the text of each valid row (a null row takes no bytes). */
function textColumn(count: number, validity: ArrowValidity, textAt: (k: number) => string): VariableWidth {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const offsets = new Int32Array(count + 1);
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (isValidAt(validity, k)) {
      const part = encoder.encode(textAt(k));
      parts.push(part);
      total += part.length;
    }
    offsets[k + 1] = total;
  }
  return { offsets, bytes: joinParts(parts, total) };
}

/** The parts one after another in one buffer of `total` bytes (their lengths' sum). */
export function joinParts(parts: readonly Uint8Array[], total: number): Uint8Array {
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** Enum values as text (enums nested in lists/structs, where a dictionary would not travel). */
export function enumText(codes: ArrayLike<number>, values: readonly string[], validity: ArrowValidity): VariableWidth {
  const encoder = new TextEncoder();
  const encoded = values.map((value) => encoder.encode(value));
  const offsets = new Int32Array(codes.length + 1);
  let total = 0;
  for (let k = 0; k < codes.length; k++) {
    if (isValidAt(validity, k)) total += (encoded[codes[k] as number] as Uint8Array).length;
    offsets[k + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let k = 0; k < codes.length; k++) {
    if (offsets[k] !== offsets[k + 1]) bytes.set(encoded[codes[k] as number] as Uint8Array, offsets[k] as number);
  }
  return { offsets, bytes };
}

/**
 * Types Arrow has no lossless home for (TIMETZ, BIT, BIGNUM, UNION): the text of each value
 * as @duckdb/node-api renders it. Rare types, so value by value is fine. (VARIANT and GEOMETRY
 * have their own: variant.ts, geometryText.)
 */
export function valueText(vector: Vector, extentOfVector: number, type: DuckDBType, rows: Rows, validity: ArrowValidity): VariableWidth {
  const wrapper = DuckDBVector.create(vector, extentOfVector, type);
  return textColumn(rows.count, validity, (k) => String(wrapper.getItem(rows.index ? (rows.index[k] as number) : rows.start + k)));
}
