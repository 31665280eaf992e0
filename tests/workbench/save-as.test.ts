// "Salvar como…" through the contract (and the request check an adapter runs): a new notebook
// lands in the queries folder under a plain name made from its title, with its front matter set,
// atomically and audited; a name already taken, an empty title, a bad parameter or a path out of
// the folder is refused in Portuguese and writes nothing; role consulta is refused by the core.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workbench } from '../../main/core/workbench.ts';
import { callWorkbench } from '../../main/core/api/requests.ts';
import { writeSharedFile } from '../../main/core/session/json-file.ts';
import { useFixtureWorkbenches, type FixtureWorkbenches } from '../support/fixture-workbench.ts';
import { refusal } from '../support/refusal.ts';

const EXISTING = '---\ntitle: Já existe\n---\n\n```sql a\nselect 1 as n\n```\n';
const NEW_NOTEBOOK = '---\ntitle: Novo notebook\n---\n\n```sql consulta_1\nselect count(*) as pessoas from pessoa\n```\n';

let ready: FixtureWorkbenches;
let analyst: Workbench;
useFixtureWorkbenches(
  { prefix: 'mirante-save-as-', documents: { 'ja-existe.md': EXISTING }, deployment: 'papel_padrao: analista\nusuarios:\n  maria: consulta\n' },
  async (setup) => {
    ready = setup;
    analyst = await setup.open('analista');
  },
);

const files = async () => (await readdir(ready.queriesDir)).sort();
const read = (name: string) => readFile(path.join(ready.queriesDir, name), 'utf8');

describe('saveDocumentAs', () => {
  it('writes a new notebook named from its title, with title, owner and description in its front matter, and audits it', async () => {
    const saved = await analyst.saveDocumentAs({ text: NEW_NOTEBOOK, title: 'Pessoas por bairro — Jundiapeba', owner: 'Secretaria de Assistência Social', purpose: 'Contar as pessoas de cada bairro.' });
    expect(saved.path).toBe('pessoas-por-bairro-jundiapeba.md');
    const text = await read(saved.path);
    expect(text).toBe(saved.text);
    expect(text).toBe(
      '---\ntitle: Pessoas por bairro — Jundiapeba\nowner: Secretaria de Assistência Social\npurpose: Contar as pessoas de cada bairro.\n---\n\n```sql consulta_1\nselect count(*) as pessoas from pessoa\n```\n',
    );
    expect((await stat(path.join(ready.queriesDir, saved.path))).mode & 0o777).toBe(0o644);
    expect(await files()).toEqual(['ja-existe.md', 'pessoas-por-bairro-jundiapeba.md']);
    const gallery = await analyst.listDocuments({});
    expect(gallery.find((d) => d.path === saved.path)).toMatchObject({ title: 'Pessoas por bairro — Jundiapeba', owner: 'Secretaria de Assistência Social', problems: [] });
    const [entry] = await analyst.listAudit({ action: 'save_document', limit: 5 });
    expect(entry).toMatchObject({ action: 'save_document', document: saved.path, sha256: createHash('sha256').update(text).digest('hex'), status: 'ok' });
  });

  it('refuses a name already taken with code exists, and replaces it only when asked', async () => {
    const clash = await refusal(analyst.saveDocumentAs({ text: NEW_NOTEBOOK, title: 'Já existe' }));
    expect(clash).toMatchObject({ code: 'exists' });
    expect(clash.message).toContain('Já existe um documento chamado ja-existe.md');
    expect(await read('ja-existe.md')).toBe(EXISTING);
    await analyst.saveDocumentAs({ text: NEW_NOTEBOOK, title: 'Já existe', overwrite: true });
    expect(await read('ja-existe.md')).toContain('select count(*) as pessoas');
    expect((await files()).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('refuses an empty title, a notebook with a bad parameter and a file name with a folder, writing nothing', async () => {
    const before = await files();
    const auditBefore = (await analyst.listAudit({ action: 'save_document', limit: 100 })).length;
    expect(await refusal(analyst.saveDocumentAs({ text: NEW_NOTEBOOK, title: '   ' }))).toMatchObject({ code: 'parameter', message: 'Informe um título: é o nome do painel na galeria.' });
    expect((await refusal(analyst.saveDocumentAs({ text: NEW_NOTEBOOK, title: '???' }))).message).toMatch(/ao menos uma letra ou um dígito/);
    const badParam = NEW_NOTEBOOK.replace('title: Novo notebook', 'title: X\nparams:\n  ano: { type: number, default: dois mil }');
    expect((await refusal(analyst.saveDocumentAs({ text: badParam, title: 'Com parâmetro ruim' }))).message).toBe(
      'O notebook tem um problema na linha 4: parâmetro ano: o padrão (default) deve ser um número. Corrija-o e salve de novo.',
    );
    for (const fileName of ['../fora.md', '/tmp/fora.md', 'sub/dentro.md', '..\\fora.md', '.oculto.md']) {
      expect(await refusal(analyst.saveDocumentAs({ text: NEW_NOTEBOOK, title: 'Fora', fileName })), fileName).toMatchObject({ code: 'not_allowed' });
    }
    // A title that reads like a path only gives a plain name inside the folder.
    const fromPath = await analyst.saveDocumentAs({ text: NEW_NOTEBOOK, title: '../../etc/passwd' });
    expect(fromPath.path).toBe('etc-passwd.md');
    expect(await files()).toEqual([...before, 'etc-passwd.md'].sort());
    expect((await analyst.listAudit({ action: 'save_document', limit: 100 })).length).toBe(auditBefore + 1);
  });

  it('takes a plain file name of the analyst', async () => {
    const saved = await analyst.saveDocumentAs({ text: NEW_NOTEBOOK, title: 'Um título longo qualquer', fileName: 'curto' });
    expect(saved.path).toBe('curto.md');
  });

  it('is refused to role consulta by the core, through the same request check the web server runs, and writes nothing', async () => {
    const viewer = await ready.open('consulta', { user: 'maria' });
    const before = await files();
    const refused = await refusal(callWorkbench(viewer, 'saveDocumentAs', { text: NEW_NOTEBOOK, title: 'Painel da consulta', owner: 'Secretaria de Saúde' }));
    expect(refused).toMatchObject({ code: 'not_allowed', message: 'O seu papel (consulta) não permite salvar notebooks ou painéis.' });
    expect(await refusal(viewer.saveDocument({ path: 'ja-existe.md', text: NEW_NOTEBOOK }))).toMatchObject({ code: 'not_allowed' });
    expect(await files()).toEqual(before);
  });

  it('audits a save of an open document too', async () => {
    await analyst.saveDocument({ path: 'curto.md', text: NEW_NOTEBOOK });
    const [entry] = await analyst.listAudit({ action: 'save_document', limit: 1 });
    expect(entry).toMatchObject({ document: 'curto.md', sha256: createHash('sha256').update(NEW_NOTEBOOK).digest('hex') });
  });

  it('never replaces a file that appeared after the check: the commit itself refuses (a link cannot land on a name), nothing partial is left', async () => {
    const target = path.join(ready.queriesDir, 'corrida.md');
    await writeSharedFile(target, 'primeiro');
    let recorded = false;
    const second = writeSharedFile(target, 'segundo', { replace: false, beforeCommit: async () => void (recorded = true) });
    await expect(second).rejects.toMatchObject({ code: 'EEXIST' });
    expect(recorded).toBe(true);
    expect(await read('corrida.md')).toBe('primeiro');
    expect((await files()).filter((name) => name.includes('.partial'))).toEqual([]);
  });
});
