// "Salvar como…" before anything is written: the file name a title gives, and the front matter
// set with every other byte of the notebook as it was.
import { describe, expect, it } from 'vitest';
import { checkedFileName, fileNameForTitle, prepareSaveAs } from '../../main/core/documents/index.ts';

describe('the file name of a title', () => {
  it('is lower case, without accents, words joined by -, and .md', () => {
    expect(fileNameForTitle('Fila da creche — Jundiapeba')).toBe('fila-da-creche-jundiapeba.md');
    expect(fileNameForTitle('  Ação Social: CRAS 2026 ')).toBe('acao-social-cras-2026.md');
    expect(fileNameForTitle('../../etc/passwd')).toBe('etc-passwd.md');
    expect(fileNameForTitle('CON')).toBe('con-1.md');
    expect(fileNameForTitle('—!?')).toBe('');
    expect(fileNameForTitle('a'.repeat(200))).toBe(`${'a'.repeat(80)}.md`);
  });

  it('a name asked for is a plain name of the folder', () => {
    expect(checkedFileName('painel')).toBe('painel.md');
    expect(checkedFileName('painel.MD')).toBe('painel.md');
    for (const bad of ['../x', 'a/b', 'a\\b', '.x']) expect(() => checkedFileName(bad), bad).toThrow(/sem pastas/);
    for (const bad of ['Maiúsculas', 'com espaço', 'x.sql.md', '']) expect(() => checkedFileName(bad), bad).toThrow(/letras minúsculas/);
  });
});

describe('the text saved', () => {
  const NOTEBOOK = '---\n# um comentário\ntitle: Antigo\nowner: Secretaria Antiga\nparams:\n  ano: { type: number }\n---\n\nTexto.\n\n```sql a\nselect $ano as ano\n```\n';

  it('changes only the identity lines of the front matter', () => {
    const { text } = prepareSaveAs(NOTEBOOK, { title: 'Novo título', owner: 'Secretaria Antiga', purpose: 'Para que serve.' });
    expect(text).toBe(NOTEBOOK.replace('title: Antigo', 'title: Novo título').replace('owner: Secretaria Antiga\n', 'owner: Secretaria Antiga\npurpose: Para que serve.\n'));
  });

  it('writes a description with commas as plain text, quoting only what YAML needs', () => {
    const { text } = prepareSaveAs(NOTEBOOK, { title: 'Antigo', owner: 'Secretaria Antiga', purpose: 'Ver, num relance, o que mudou' });
    expect(text).toContain('owner: Secretaria Antiga\npurpose: Ver, num relance, o que mudou\n');
    expect(prepareSaveAs(NOTEBOOK, { title: 'Antigo', owner: 'Saúde: atenção básica' }).text).toContain('owner: "Saúde: atenção básica"\n');
  });

  it('an empty owner removes it; the same identity leaves the text as it was', () => {
    expect(prepareSaveAs(NOTEBOOK, { title: 'Antigo', owner: 'Secretaria Antiga' }).text).toBe(NOTEBOOK);
    expect(prepareSaveAs(NOTEBOOK, { title: 'Antigo', owner: ' ' }).text).not.toContain('owner');
  });
});
