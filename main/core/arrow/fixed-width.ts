// Fixed-width values whose DuckDB layout differs from Arrow's: converted word by word.

/** DuckDB booleans are one byte (sizeof(bool)) each; Arrow packs them into bits. */
export function packBooleans(bytes: Uint8Array, width: number): Uint8Array {
  const count = bytes.length / width;
  const bits = new Uint8Array(Math.ceil(count / 8));
  for (let k = 0; k < count; k++) {
    let set = false;
    for (let b = 0; b < width; b++) if (bytes[k * width + b]) set = true;
    if (set) bits[k >> 3] = (bits[k >> 3] as number) | (1 << (k & 7));
  }
  return bits;
}

/**
 * DECIMAL storage (int16/int32/int64/int128, little-endian two's complement) -> Arrow Decimal
 * words: 128-bit sign-extended, or for UHUGEINT 256-bit zero-extended.
 */
export function decimalFromStorage(bytes: Uint8Array, width: number, unsigned128: boolean): Uint32Array {
  const count = bytes.length / width;
  const outWords = unsigned128 ? 8 : 4;
  const out = new Uint32Array(count * outWords);
  if (width === 16) {
    const from = new Uint32Array(bytes.buffer, bytes.byteOffset, count * 4);
    if (!unsigned128) return from.slice();
    for (let k = 0; k < count; k++) for (let w = 0; w < 4; w++) out[k * 8 + w] = from[k * 4 + w] as number;
    return out;
  }
  if (width === 8) {
    const from = new Uint32Array(bytes.buffer, bytes.byteOffset, count * 2);
    for (let k = 0; k < count; k++) {
      const high = from[k * 2 + 1] as number;
      const sign = high & 0x80000000 ? 0xffffffff : 0;
      out[k * 4] = from[k * 2] as number;
      out[k * 4 + 1] = high;
      out[k * 4 + 2] = sign;
      out[k * 4 + 3] = sign;
    }
    return out;
  }
  const from = width === 4 ? new Int32Array(bytes.buffer, bytes.byteOffset, count) : new Int16Array(bytes.buffer, bytes.byteOffset, count);
  for (let k = 0; k < count; k++) {
    const value = from[k] as number;
    const sign = value < 0 ? 0xffffffff : 0;
    out[k * 4] = value >>> 0;
    out[k * 4 + 1] = sign;
    out[k * 4 + 2] = sign;
    out[k * 4 + 3] = sign;
  }
  return out;
}
