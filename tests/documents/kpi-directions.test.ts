// Which way a KPI is better (`kpis:` in the front matter): read and checked with the line of a
// bad entry, and the tone of a change (good, bad, or neutral where the document says nothing).
import { describe, expect, it } from 'vitest';
import { kpiChangeTone, parseDocument, serializeDocument, setFrontMatterKpi } from '../../main/core/documents/index.ts';

const withKpis = (kpis: string) => `---\ntitle: Teste\n${kpis}\n---\n\n\`\`\`sql resumo\nselect 1 as na_fila, 2 as vagas\n\`\`\`\n`;

describe('kpis: in the front matter', () => {
  it('reads which way each KPI is better', () => {
    const doc = parseDocument(withKpis('kpis:\n  na_fila: menor\n  vagas: maior'), 'teste.md');
    expect(doc.frontMatter?.kpis).toEqual({ na_fila: 'menor', vagas: 'maior' });
    expect(doc.frontMatter?.kpis.na_fila).toBe('menor');
    expect(doc.frontMatter?.kpis.outra).toBeUndefined();
    expect(parseDocument(withKpis('kpis:'), 'teste.md').frontMatter?.kpis).toEqual({});
    expect(parseDocument(withKpis(''), 'teste.md').frontMatter?.kpis).toEqual({});
  });

  it('refuses a direction other than maior or menor, and a kpis that is not a map, at its line', () => {
    const bad = parseDocument(withKpis('kpis:\n  na_fila: menor\n  vagas: alto'), 'teste.md', { tolerant: true });
    expect(bad.problems).toEqual([{ line: 5, message: 'kpis: vagas deve ser "maior" ou "menor" (qual sentido é melhor)' }]);
    expect(bad.frontMatter?.kpis).toEqual({ na_fila: 'menor' });
    const list = parseDocument(withKpis('kpis: [na_fila]'), 'teste.md', { tolerant: true });
    expect(list.problems).toEqual([{ line: 3, message: 'kpis deve ser um mapa de coluna: maior ou menor (qual sentido é melhor)' }]);
    expect(() => parseDocument(withKpis('kpis:\n  vagas: 1'), 'teste.md')).toThrow(/vagas deve ser "maior" ou "menor"/);
  });
});

describe('kpis: with a format', () => {
  it('reads the long form (melhor, formato) beside the short one', () => {
    const doc = parseDocument(withKpis('kpis:\n  na_fila: menor\n  saldo: { melhor: menor, formato: moeda }\n  taxa: { formato: percentual }'), 'teste.md');
    expect(doc.frontMatter?.kpis).toEqual({ na_fila: 'menor', saldo: 'menor' });
    expect(doc.frontMatter?.kpiFormats).toEqual({ saldo: 'moeda', taxa: 'percentual' });
  });

  it('refuses an unknown format or key at its line', () => {
    const bad = parseDocument(withKpis('kpis:\n  saldo: { melhor: menor, formato: dinheiro }\n  taxa: { cor: verde }'), 'teste.md', { tolerant: true });
    expect(bad.problems).toEqual([
      { line: 4, message: 'kpis: saldo: formato deve ser "numero", "moeda", "percentual"' },
      { line: 5, message: 'kpis: taxa tem a chave desconhecida "cor" (use melhor e formato)' },
    ]);
  });

  it('is written as the form editor sets it, one line per KPI, other lines untouched', () => {
    const text = withKpis('kpis:\n  na_fila: menor');
    const doc = parseDocument(text, 'teste.md');
    const withFormat = serializeDocument(setFrontMatterKpi(doc, 'vagas', { direction: 'maior', format: 'numero' }));
    expect(withFormat).toBe(text.replace('  na_fila: menor\n', '  na_fila: menor\n  vagas: { melhor: maior, formato: numero }\n'));
    const shortForm = serializeDocument(setFrontMatterKpi(doc, 'na_fila', { direction: 'maior' }));
    expect(shortForm).toBe(text.replace('na_fila: menor', 'na_fila: maior'));
    const fresh = parseDocument(withKpis(''), 'teste.md');
    const created = setFrontMatterKpi(fresh, 'na_fila', { direction: 'menor', format: 'numero' });
    expect(serializeDocument(created)).toContain('---\ntitle: Teste\nkpis:\n  na_fila: { melhor: menor, formato: numero }\n');
    expect(created.frontMatter?.kpiFormats).toEqual({ na_fila: 'numero' });
    expect(setFrontMatterKpi(doc, 'na_fila', {}).frontMatter?.kpis).toEqual({});
    expect(() => setFrontMatterKpi(doc, 'Na Fila', { direction: 'menor' })).toThrow(/nome de coluna inválido/);
  });
});

describe('the tone of a KPI change', () => {
  it('is good when it went the better way, bad the other way, neutral when unchanged or undeclared', () => {
    expect(kpiChangeTone(5, 'maior')).toBe('good');
    expect(kpiChangeTone(-5, 'maior')).toBe('bad');
    expect(kpiChangeTone(5, 'menor')).toBe('bad');
    expect(kpiChangeTone(-0.5, 'menor')).toBe('good');
    expect(kpiChangeTone(0, 'menor')).toBe('neutral');
    expect(kpiChangeTone(5, undefined)).toBe('neutral');
    expect(kpiChangeTone(-5, undefined)).toBe('neutral');
  });
});
