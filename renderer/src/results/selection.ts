// A rectangle of cells (DBeaver-style): click, shift-click or drag; the row-number column picks whole rows.
export interface CellPos {
  row: number;
  /** Data column index; -1 is the row-number column (whole row). */
  col: number;
}

export interface Rect {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

export class CellSelection {
  anchor: CellPos | null = null;
  focus: CellPos | null = null;

  constructor(private readonly columnCount: () => number) {}

  rect(): Rect | null {
    if (!this.anchor || !this.focus) return null;
    const whole = this.anchor.col < 0 || this.focus.col < 0;
    return {
      r0: Math.min(this.anchor.row, this.focus.row),
      r1: Math.max(this.anchor.row, this.focus.row),
      c0: whole ? 0 : Math.min(this.anchor.col, this.focus.col),
      c1: whole ? this.columnCount() - 1 : Math.max(this.anchor.col, this.focus.col),
    };
  }

  contains(row: number, col: number): boolean {
    const rect = this.rect();
    return !!rect && row >= rect.r0 && row <= rect.r1 && col >= rect.c0 && col <= rect.c1;
  }

  start(pos: CellPos, extend: boolean): void {
    if (extend && this.anchor) this.focus = pos;
    else {
      this.anchor = pos;
      this.focus = pos;
    }
  }
}
