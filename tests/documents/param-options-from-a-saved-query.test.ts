// A select parameter can take its choices from a saved query of the queries folder
// (`options: { consulta: bairros.sql }`): the first column of that file's SQL, run as the saved
// document it is, so a `consulta` user gets the choices too, and the file is read from the
// queries folder only.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { paramSpecsOf, parseDocument, serializeDocument } from '../../main/core/documents/index.ts';
import { setFrontMatterParam } from '../../main/core/documents/edit.ts';
import type { Workbench } from '../../main/core/workbench.ts';
import { refusal } from '../support/refusal.ts';
import { useFixtureWorkbenches } from '../support/fixture-workbench.ts';

const BAIRROS = 'select distinct bairro from pessoa order by bairro\n';

const panel = (saved: string) => `---
title: Pessoas por bairro
params:
  bairro:
    type: select
    label: Bairro
    options:
      consulta: ${saved}
---

\`\`\`sql contagem
select count(*) as n from pessoa where bairro = $bairro
\`\`\`
`;

let analyst: Workbench;
let viewer: Workbench;
let auditLog: string;

useFixtureWorkbenches(
  {
    prefix: 'mirante-saved-options-',
    documents: { 'bairros.sql': BAIRROS, 'painel.md': panel('bairros.sql'), 'fora.md': panel('../fora.sql'), 'sumida.md': panel('nao-existe.sql') },
    deployment: 'papel_padrao: analista\nusuarios:\n  maria: consulta\n',
  },
  async (ready) => {
    auditLog = path.join(ready.scratch, 'auditoria.jsonl');
    analyst = await ready.open('analista', { user: 'joao', auditLog });
    viewer = await ready.open('consulta', { user: 'maria', auditLog });
  },
);

describe('parameter options from a saved query', () => {
  it("reads { consulta: file.sql } from the front matter, and writes it back the same way", () => {
    const doc = parseDocument(panel('bairros.sql'), 'painel.md');
    expect(doc.problems).toEqual([]);
    expect(paramSpecsOf(doc)[0]).toMatchObject({ name: 'bairro', type: 'select', options: { consulta: 'bairros.sql' } });
    const rewritten = setFrontMatterParam(doc, 'outro', { type: 'multiselect', options: { consulta: 'bairros.sql' }, required: false });
    expect(paramSpecsOf(parseDocument(serializeDocument(rewritten), 'painel.md')).find((p) => p.name === 'outro')?.options).toEqual({ consulta: 'bairros.sql' });
    expect(parseDocument(panel('bairros.csv'), 'x.md', { tolerant: true }).problems[0]?.message).toMatch(/consulta salva/);
  });

  it('gives the first column of the saved query, run as that saved document, to an analyst and to consulta', async () => {
    expect(await analyst.paramOptions({ text: panel('bairros.sql'), param: 'bairro' })).toEqual(['Centro', 'Jundiapeba']);
    expect(await viewer.paramOptions({ text: 'ignored', path: 'painel.md', param: 'bairro' })).toEqual(['Centro', 'Jundiapeba']);
    const entries = (await analyst.listAudit({ action: 'param_options', limit: 10 })).filter((e) => e.status === 'started');
    expect(entries.map((e) => [e.user, e.document, e.sql])).toEqual([
      ['maria', 'bairros.sql', BAIRROS],
      ['joao', 'bairros.sql', BAIRROS],
    ]);
  });

  it('refuses a saved query outside the queries folder, and says which one is missing', async () => {
    expect(await refusal(analyst.paramOptions({ text: panel('../fora.sql'), param: 'bairro' }))).toMatchObject({ code: 'not_allowed' });
    expect(await refusal(viewer.paramOptions({ text: 'ignored', path: 'fora.md', param: 'bairro' }))).toMatchObject({ code: 'not_allowed' });
    const missing = await refusal(viewer.paramOptions({ text: 'ignored', path: 'sumida.md', param: 'bairro' }));
    expect(missing).toMatchObject({ code: 'not_found' });
    expect(missing.message).toMatch(/nao-existe\.sql/);
  });
});
