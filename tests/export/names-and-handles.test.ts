// Names a user sees and handles the desktop shell passes: sheet names Excel accepts (31
// characters, none of []:*?/\, unique regardless of case, "Sobre" kept for the last sheet),
// file names any desktop system can create, and save handles that are opaque, single-use,
// few and short-lived.
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../main/core/api/index.ts';
import { sanitizeFileName } from '../../main/core/export/file-name.ts';
import { SaveTargets } from '../../main/core/export/save-targets.ts';
import { SheetNames } from '../../main/core/export/sheet-names.ts';

function refusal(action: () => unknown): { code: string; message: string } | string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof WorkbenchError ? { code: error.detail.code, message: error.detail.message } : String(error);
  }
  return undefined;
}

describe('sheet names', () => {
  it('replace what Excel refuses, trim spaces and edge apostrophes, fall back to "dados"', () => {
    const names = new SheetNames();
    expect(names.claim('a[b]c:d*e?f/g\\h')).toBe('a_b_c_d_e_f_g_h');
    expect(names.claim("''citação''")).toBe('citação');
    expect(names.claim("d'água")).toBe("d'água");
    expect(names.claim('  espaços  ')).toBe('espaços');
    expect(names.claim('')).toBe('dados');
    expect(names.claim("' '")).toBe('dados_2');
    expect(names.claim('   ')).toBe('dados_3');
  });

  it('are unique regardless of case, "Sobre" being taken from the start', () => {
    const names = new SheetNames();
    expect(['x', 'X', 'x', 'sobre', 'SOBRE', 'x_2'].map((n) => names.claim(n))).toEqual(['x', 'X_2', 'x_3', 'sobre_2', 'SOBRE_3', 'x_2_2']);
  });

  it('are cut to 31 characters (letters, not UTF-16 halves), keeping a suffix whole', () => {
    const names = new SheetNames();
    const long = 'a'.repeat(40);
    expect(names.claim(long)).toBe('a'.repeat(31));
    expect(names.claim(long)).toBe(`${'a'.repeat(29)}_2`);
    expect(names.claim(long, ' (2)')).toBe(`${'a'.repeat(27)} (2)`);
    expect(names.claim(long, ' (2)')).toBe(`${'a'.repeat(25)} (2)_2`);
    const emoji = '👩'.repeat(40);
    expect(Array.from(names.claim(emoji))).toHaveLength(31);
    expect(names.claim(`${'b'.repeat(31)}`)).toBe('b'.repeat(31));
  });
});

describe('file names', () => {
  it('lose separators, control characters and edge dots and spaces; keep a given extension of the format', () => {
    expect(sanitizeFileName('  ..relatório..  ', 'csv')).toBe('relatório.csv');
    expect(sanitizeFileName('dados .csv', 'csv')).toBe('dados.csv');
    expect(sanitizeFileName('meus dados...csv', 'csv')).toBe('meus dados.csv');
    expect(sanitizeFileName('meus  dados . .csv', 'csv')).toBe('meus  dados.csv');
    expect(sanitizeFileName('a.b', 'xlsx')).toBe('a.b.xlsx');
    expect(sanitizeFileName('relatorio.CSV', 'csv')).toBe('relatorio.CSV');
    expect(sanitizeFileName('a<b>c|d"e', 'json')).toBe('a_b_c_d_e.jsonl');
    expect(sanitizeFileName(undefined, 'parquet')).toBe('exportacao.parquet');
    expect(sanitizeFileName('...', 'csv')).toBe('exportacao.csv');
    expect(sanitizeFileName('', 'csv', 'painel')).toBe('painel.csv');
    expect(sanitizeFileName('nul.csv', 'csv')).toBe('_nul.csv');
    expect(sanitizeFileName('com1', 'csv')).toBe('_com1.csv');
  });

  it('are at most 180 bytes before the extension, cut by whole letters', () => {
    expect(sanitizeFileName('a'.repeat(180), 'csv')).toBe(`${'a'.repeat(180)}.csv`);
    expect(sanitizeFileName('a'.repeat(181), 'csv')).toBe(`${'a'.repeat(180)}.csv`);
    expect(sanitizeFileName('é'.repeat(91), 'csv')).toBe(`${'é'.repeat(90)}.csv`);
  });
});

describe('save handles', () => {
  const refused = { code: 'not_allowed', message: 'O diálogo de salvar devolveu um caminho inválido.' };
  const unknown = { code: 'not_allowed', message: 'Local de gravação desconhecido, já usado ou expirado: escolha o arquivo de novo.' };

  it('are granted only for what a save dialog returns: an absolute, normal path ending in a file name', () => {
    const targets = new SaveTargets();
    for (const file of ['relativo.csv', '/tmp/a\0b.csv', '/tmp//x.csv', '/tmp/./x.csv', '/tmp/a/../x.csv', '/tmp/a\\..\\x.csv', '/tmp/pasta/', '/', '', 42, null]) {
      expect(refusal(() => targets.grant(file as string)), JSON.stringify(file)).toEqual(refused);
    }
    const handle = targets.grant('/tmp/pasta/relatório.csv');
    expect(handle).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(targets.grant('/tmp/pasta/relatório.csv')).not.toBe(handle);
  });

  it('are peeked any number of times, taken once; unknown or non-string handles are refused', () => {
    const targets = new SaveTargets();
    const handle = targets.grant('/tmp/x.csv');
    expect(targets.peek(handle)).toBe('/tmp/x.csv');
    expect(targets.peek(handle)).toBe('/tmp/x.csv');
    expect(targets.take(handle)).toBe('/tmp/x.csv');
    expect(refusal(() => targets.take(handle))).toEqual(unknown);
    expect(refusal(() => targets.peek(handle))).toEqual(unknown);
    for (const other of ['x', '', 42, undefined, { handle }]) expect(refusal(() => targets.peek(other)), String(other)).toEqual(unknown);
  });

  it('expire ten minutes after the grant', () => {
    let now = 1_000_000;
    const targets = new SaveTargets(() => now);
    const handle = targets.grant('/tmp/x.csv');
    now += 10 * 60_000 - 1;
    expect(targets.peek(handle)).toBe('/tmp/x.csv');
    now += 1;
    expect(refusal(() => targets.peek(handle))).toEqual(unknown);
    const later = targets.grant('/tmp/y.csv');
    now += 5 * 60_000;
    expect(targets.take(later)).toBe('/tmp/y.csv');
  });

  it('at most 16 wait unused: a seventeenth drops the oldest', () => {
    const targets = new SaveTargets();
    const handles = Array.from({ length: 17 }, (_, i) => targets.grant(`/tmp/f${i}.csv`));
    expect(refusal(() => targets.peek(handles[0]))).toEqual(unknown);
    expect(handles.slice(1).map((h) => targets.peek(h))).toEqual(Array.from({ length: 16 }, (_, i) => `/tmp/f${i + 1}.csv`));
  });
});
