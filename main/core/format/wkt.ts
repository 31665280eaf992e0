// GEOMETRY as DuckDB prints it (`POINT (1 2)`): well-known text from the well-known binary
// DuckDB hands over for a GEOMETRY value (@duckdb/node-api reads it as WKB; DuckDB writes ISO
// WKB, little-endian, with Z/M as 1000/2000/3000 added to the type code).
//
// DuckDB's text, checked against `::VARCHAR` over generated geometries
// (tests/format/variant-geometry-interval.test.ts):
// - `KIND (…)`, `KIND Z (…)`, `KIND M (…)`, `KIND ZM (…)`, `KIND EMPTY` (`POINT Z EMPTY`);
// - a POINT (alone or in a MULTIPOINT) whose coordinates are all NaN is EMPTY (that is how WKB
//   writes an empty point); a vertex of a line or ring is printed as it is (`nan nan`);
// - MULTIPOINT members without their own parentheses (`MULTIPOINT (1 2, 3 4)`), an empty one
//   as `EMPTY`; members of MULTI* without their kind, of a GEOMETRYCOLLECTION with it;
// - coordinates with the shortest digits that read back, whole numbers without `.0` (`1`,
//   `-0`, `1000000000000000`), exponents from 1e16 and below 1e-4 (`1e+16`, `1e-05`), `nan`,
//   `inf`, `-inf`.
import { floatText } from './numbers.ts';

const KINDS = ['', 'POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON', 'GEOMETRYCOLLECTION'];
const DIMENSION_TAGS = ['', ' Z', ' M', ' ZM'];

/** A coordinate as DuckDB writes it in WKT. */
export function coordinateText(value: number): string {
  const text = floatText(value, false);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

class WkbReader {
  private at = 0;
  private little = true;
  private readonly view: DataView;

  constructor(bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private uint32(): number {
    const value = this.view.getUint32(this.at, this.little);
    this.at += 4;
    return value;
  }

  private double(): number {
    const value = this.view.getFloat64(this.at, this.little);
    this.at += 8;
    return value;
  }

  /** One geometry's header: its kind (1..7) and how many numbers each of its points has. */
  private header(): { kind: number; dims: number; tag: string } {
    this.little = this.view.getUint8(this.at) === 1;
    this.at += 1;
    const code = this.uint32();
    // ISO WKB (1001 = POINT Z) or, should it ever come, extended WKB (flag bits, SRID).
    let kind = code & 0xffff;
    let z = (code & 0x80000000) !== 0;
    let m = (code & 0x40000000) !== 0;
    if (code & 0x20000000) this.at += 4; // SRID
    const iso = Math.floor(kind / 1000);
    kind %= 1000;
    if (iso === 1 || iso === 3) z = true;
    if (iso === 2 || iso === 3) m = true;
    if (kind < 1 || kind > 7) throw new Error(`unknown WKB geometry type ${code}`);
    const dimension = (z ? 1 : 0) + (m ? 2 : 0);
    return { kind, dims: 2 + (z ? 1 : 0) + (m ? 1 : 0), tag: DIMENSION_TAGS[dimension] as string };
  }

  private coordinates(dims: number): number[] {
    const values: number[] = [];
    for (let d = 0; d < dims; d++) values.push(this.double());
    return values;
  }

  private points(dims: number): string {
    const count = this.uint32();
    const parts: string[] = [];
    // A vertex of a line or ring is printed whatever it holds, NaN included.
    for (let i = 0; i < count; i++) parts.push(this.coordinates(dims).map(coordinateText).join(' '));
    return `(${parts.join(', ')})`;
  }

  private rings(dims: number): string {
    const count = this.uint32();
    const parts: string[] = [];
    for (let i = 0; i < count; i++) parts.push(this.points(dims));
    return `(${parts.join(', ')})`;
  }

  /** The body of a geometry after its header, or null when it is empty. */
  private body(kind: number, dims: number): string | null {
    switch (kind) {
      case 1: {
        const point = this.coordinates(dims);
        return point.every(Number.isNaN) ? null : `(${point.map(coordinateText).join(' ')})`;
      }
      case 2: {
        const count = this.view.getUint32(this.at, this.little);
        return count === 0 ? (this.at += 4, null) : this.points(dims);
      }
      case 3: {
        const count = this.view.getUint32(this.at, this.little);
        return count === 0 ? (this.at += 4, null) : this.rings(dims);
      }
      default: {
        const count = this.uint32();
        if (count === 0) return null;
        const parts: string[] = [];
        for (let i = 0; i < count; i++) {
          if (kind === 7) {
            parts.push(this.geometry());
            continue;
          }
          const member = this.header();
          const body = this.body(member.kind, member.dims);
          // MULTIPOINT (1 2, 3 4): a member point without its own parentheses.
          parts.push(body === null ? 'EMPTY' : kind === 4 ? body.slice(1, -1) : body);
        }
        return `(${parts.join(', ')})`;
      }
    }
  }

  geometry(): string {
    const { kind, dims, tag } = this.header();
    const body = this.body(kind, dims);
    return `${KINDS[kind]}${tag} ${body ?? 'EMPTY'}`;
  }
}

/** DuckDB's text of a GEOMETRY, from its WKB bytes. */
export function wktFromWkb(bytes: Uint8Array): string {
  return new WkbReader(bytes).geometry();
}
