// The rules behind an unmask and an export, checked where they are written: the purpose the
// LGPD asks for (at least 10 characters once trimmed, recorded trimmed), when an export needs
// one and what the refusal says, which statement of a script an unmask runs again (that one
// and no other), and what a `consulta` user may do.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../main/core/api/index.ts';
import { exportPurpose } from '../../main/core/privacy/export-rules.ts';
import { MIN_PURPOSE_LENGTH, SessionPrivacy, checkedPurpose, statementText } from '../../main/core/privacy/session-privacy.ts';

function refusalOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    return (error as WorkbenchError).detail;
  }
  throw new Error('not refused');
}

describe('the purpose of an unmask or an export', () => {
  it('is kept trimmed from 10 characters on, and refused below, blank or not text', () => {
    expect(MIN_PURPOSE_LENGTH).toBe(10);
    expect(checkedPurpose('  Conferência  ')).toBe('Conferência');
    expect(checkedPurpose('1234567890')).toBe('1234567890');
    for (const purpose of ['123456789', '  123456789  ', '', '          ', undefined, null, 12345678901, ['Conferência do cadastro']]) {
      expect(refusalOf(() => checkedPurpose(purpose)), JSON.stringify(purpose)).toEqual({
        code: 'parameter',
        message: 'Informe a finalidade (ao menos 10 caracteres): ela fica registrada na auditoria.',
      });
    }
  });

  it('is required to export personal or unmasked rows, and the refusal says which', () => {
    expect(exportPurpose('  Relatório mensal  ', { personal: true, unmasked: false })).toBe('Relatório mensal');
    expect(exportPurpose('Relatório mensal', { personal: false, unmasked: true })).toBe('Relatório mensal');
    expect(refusalOf(() => exportPurpose('curta', { personal: true, unmasked: false }))).toEqual({
      code: 'parameter',
      message:
        'O resultado tem dados pessoais (identificadores, dados sensíveis ou de crianças): Informe a finalidade (ao menos 10 caracteres): ela fica registrada na auditoria.',
    });
    for (const personal of [true, false]) {
      expect(refusalOf(() => exportPurpose(undefined, { personal, unmasked: true }))).toEqual({
        code: 'parameter',
        message: 'O resultado está sem máscara: Informe a finalidade (ao menos 10 caracteres): ela fica registrada na auditoria.',
      });
    }
  });

  it('is optional for public rows: kept trimmed when given, absent when blank', () => {
    const rows = { personal: false, unmasked: false };
    expect(exportPurpose(' curta ', rows)).toBe('curta');
    expect(exportPurpose('   ', rows)).toBeUndefined();
    expect(exportPurpose('', rows)).toBeUndefined();
    expect(exportPurpose(undefined, rows)).toBeUndefined();
    expect(exportPurpose(42, rows)).toBeUndefined();
  });
});

describe('the statement an unmask runs again', () => {
  const script = 'select 1 as a;\nselect nome from pessoa;\nselect 3 as c';

  it('is that statement of the script and no other', () => {
    expect(statementText(script, 0)?.trim()).toBe('select 1 as a;');
    expect(statementText(script, 1)?.trim()).toBe('select nome from pessoa;');
    expect(statementText(script, 2)?.trim()).toBe('select 3 as c');
  });

  it('is nothing for an index the script does not have', () => {
    for (const index of [3, 4, -1, 0.5, Number.NaN]) expect(statementText(script, index), String(index)).toBeUndefined();
  });

  it('is the whole text of a one-statement script, and of an empty one at index 0 only', () => {
    expect(statementText('select nome from pessoa', 0)).toBe('select nome from pessoa');
    expect(statementText('select nome from pessoa', 1)).toBeUndefined();
    expect(statementText('-- nada', 0)).toBe('-- nada');
    expect(statementText('-- nada', 1)).toBeUndefined();
  });
});

describe('a session’s role', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-roles-rules-'));
    await writeFile(path.join(dataDir, 'mirante.yaml'), 'papel_padrao: consulta\nusuarios:\n  maria: analista\n');
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lets an analyst do everything, and refuses consulta the first thing asked with its own message', async () => {
    const maria = await SessionPrivacy.open(dataDir, { user: 'maria' });
    expect([maria.user, maria.role, maria.canWriteSql]).toEqual(['maria', 'analista', true]);
    expect(() => maria.allow('free_sql', 'unmask', 'read_audit')).not.toThrow();
    const joao = await SessionPrivacy.open(dataDir, { user: 'joao', auditLog: path.join(dataDir, 'outro.jsonl') });
    expect([joao.user, joao.role, joao.canWriteSql]).toEqual(['joao', 'consulta', false]);
    expect(joao.audit.paths.log).toBe(path.join(dataDir, 'outro.jsonl'));
    expect(refusalOf(() => joao.allow('unmask', 'free_sql'))).toEqual({
      code: 'not_allowed',
      message: 'O seu papel (consulta) não permite ver identificadores sem máscara.',
    });
    expect(refusalOf(() => joao.allow('read_audit')).message).toBe('Apenas analistas e o encarregado de dados podem ler o registro de auditoria.');
    expect(refusalOf(() => joao.allow('save_document')).message).toBe('O seu papel (consulta) não permite salvar notebooks ou painéis.');
    expect(refusalOf(() => joao.allow('profile_table')).message).toBe('O seu papel (consulta) não permite explorar as tabelas do catálogo.');
    expect(refusalOf(() => joao.allow('free_sql')).message).toMatch(/^O seu papel \(consulta\) permite abrir painéis/);
    expect(() => joao.allow()).not.toThrow();
  });
});
