// Which way a KPI is better (`kpis:` in the front matter): read and checked with the line of a
// bad entry, and the tone of a change (good, bad, or neutral where the document says nothing).
import { describe, expect, it } from 'vitest';
import { kpiChangeTone, parseDocument } from '../../main/core/documents/index.ts';

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
