// Raw access to a DuckDB vector's memory, copied out into buffers Arrow can own.
//
// DuckDB frees a chunk's memory when the chunk goes, so nothing returned here may point into
// it. The bindings already copy (`vector_get_data` and `vector_get_validity` return Node Buffers
// of their own); what is returned here is such a copy, a view of one, or a new array.
import bindings from '@duckdb/node-bindings';
import type { Vector } from '@duckdb/node-bindings';

/**
 * Which rows of a DuckDB vector become the rows of one Arrow array, in order: the range
 * `start .. start+count-1`, or `index[k]` for row k when the rows are scattered (a list whose
 * entries are not laid end to end).
 */
export interface Rows {
  start: number;
  count: number;
  index: Int32Array | null;
}

export function rowRange(start: number, count: number): Rows {
  return { start, count, index: null };
}

/** One past the highest vector row the selection touches: how much of the vector to map. */
export function rowsExtent(rows: Rows): number {
  if (rows.count === 0) return 0;
  if (!rows.index) return rows.start + rows.count;
  let max = -1;
  for (let k = 0; k < rows.index.length; k++) if ((rows.index[k] as number) > max) max = rows.index[k] as number;
  return max + 1;
}

/** A view over the vector's data (DuckDB's memory: read, never keep). */
export function vectorBytes(vector: Vector, byteCount: number): Uint8Array {
  return bindings.vector_get_data(vector, byteCount);
}

export interface ArrowValidity {
  bitmap: Uint8Array | undefined;
  nullCount: number;
}

/**
 * The Arrow validity bitmap for the rows. DuckDB's mask is 64-bit words, least significant
 * bit first, which on little-endian machines is byte for byte Arrow's bitmap.
 */
export function validityFor(vector: Vector, rows: Rows): ArrowValidity {
  const extent = rowsExtent(rows);
  if (extent === 0) return { bitmap: undefined, nullCount: 0 };
  const mask = bindings.vector_get_validity(vector, Math.ceil(extent / 64) * 8);
  if (!mask) return { bitmap: undefined, nullCount: 0 };
  const { count } = rows;
  let bitmap: Uint8Array;
  if (!rows.index && rows.start % 8 === 0) {
    bitmap = mask.slice(rows.start / 8, rows.start / 8 + Math.ceil(count / 8));
  } else {
    bitmap = new Uint8Array(Math.ceil(count / 8));
    for (let k = 0; k < count; k++) {
      const row = rows.index ? (rows.index[k] as number) : rows.start + k;
      if (((mask[row >> 3] as number) >> (row & 7)) & 1) bitmap[k >> 3] = (bitmap[k >> 3] as number) | (1 << (k & 7));
    }
  }
  const nullCount = count - countSetBits(bitmap, count);
  return nullCount === 0 ? { bitmap: undefined, nullCount: 0 } : { bitmap, nullCount };
}

export function isValidAt(validity: ArrowValidity, k: number): boolean {
  return !validity.bitmap || (((validity.bitmap[k >> 3] as number) >> (k & 7)) & 1) === 1;
}

const BITS_IN_BYTE = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let v = b; v; v >>= 1) n += v & 1;
  return n;
});

function countSetBits(bitmap: Uint8Array, count: number): number {
  const fullBytes = count >> 3;
  let total = 0;
  for (let i = 0; i < fullBytes; i++) total += BITS_IN_BYTE[bitmap[i] as number] as number;
  const rest = count & 7;
  if (rest) total += BITS_IN_BYTE[(bitmap[fullBytes] as number) & ((1 << rest) - 1)] as number;
  return total;
}

/** The selected rows' fixed-width values (width bytes each), in a buffer of exactly their bytes. */
export function copyFixedWidth(vector: Vector, rows: Rows, width: number): Uint8Array {
  const extent = rowsExtent(rows);
  const source = vectorBytes(vector, extent * width);
  // The bindings' Buffer holds rows 0 .. start+count-1, on a buffer of its own: callers view
  // `bytes.buffer` as typed arrays, so a range from a later row needs its own copy (a Buffer's
  // `slice` is a view, not a copy: a range from row 3 would read from row 0).
  if (!rows.index) return rows.start === 0 ? source : new Uint8Array(source.subarray(rows.start * width));
  const out = new Uint8Array(rows.count * width);
  if (width % 4 === 0) {
    const words = width / 4;
    const from = new Uint32Array(source.buffer, source.byteOffset, extent * words);
    const to = new Uint32Array(out.buffer);
    for (let k = 0; k < rows.count; k++) {
      const base = (rows.index[k] as number) * words;
      for (let w = 0; w < words; w++) to[k * words + w] = from[base + w] as number;
    }
  } else {
    for (let k = 0; k < rows.count; k++) {
      const base = (rows.index[k] as number) * width;
      for (let b = 0; b < width; b++) out[k * width + b] = source[base + b] as number;
    }
  }
  return out;
}
