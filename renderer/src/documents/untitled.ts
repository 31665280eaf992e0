// A new notebook before it is a file: an empty SQL cell under a front matter with its title.
// Its tab is keyed by a name no file of the queries folder can have (no extension), and it is
// not reopened after a reload: "Salvar como…" is what makes it a document.

export const UNTITLED_TEXT = '---\ntitle: Novo notebook\n---\n\n```sql consulta_1\n\n```\n';

export function untitledPath(n: number): string {
  return `novo-notebook-${n}`;
}

/** The first untitled name not already open. */
export function nextUntitledPath(open: readonly string[]): string {
  for (let n = 1; ; n += 1) if (!open.includes(untitledPath(n))) return untitledPath(n);
}
