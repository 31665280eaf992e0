// Excel sheet names: at most 31 characters, none of []:*?/\, unique regardless of case.
const MAX = 31;

export class SheetNames {
  private readonly taken = new Set<string>(['sobre']);

  /** A unique, valid name from `wanted`; `suffix` (" (2)") is kept whole when cutting. */
  claim(wanted: string, suffix = ''): string {
    const base = wanted.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim() || 'dados';
    for (let n = 1; ; n++) {
      const extra = n === 1 ? suffix : `${suffix}_${n}`;
      const name = `${Array.from(base).slice(0, MAX - extra.length).join('')}${extra}`;
      if (!this.taken.has(name.toLowerCase())) {
        this.taken.add(name.toLowerCase());
        return name;
      }
    }
  }
}
