// The parameters form: what an analyst types becomes the spec the core accepts, or the message
// (a key of the i18n tables) naming what is wrong; a declared parameter comes back into the form as written.
import { describe, expect, it } from 'vitest';
import { EMPTY_FIELDS, fieldsOf, parseDate, parseNumber, specOf } from '../../renderer/src/documents/param-form.ts';

describe('the parameters form', () => {
  it('reads pt-BR numbers and dates', () => {
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('1234.5')).toBe(1234.5);
    expect(parseNumber('-10')).toBe(-10);
    expect(parseNumber('dez')).toBeUndefined();
    expect(parseDate('31/12/2026')).toBe('2026-12-31');
    expect(parseDate('2026-02-28')).toBe('2026-02-28');
    expect(parseDate('30/02/2026')).toBeUndefined();
  });

  it('gives the spec of each type', () => {
    expect(specOf({ ...EMPTY_FIELDS, name: 'bairro', label: 'Bairro', optionsText: 'Centro\n\n Jundiapeba \n', defaultText: 'Centro' })).toEqual({
      name: 'bairro', type: 'select', label: 'Bairro', options: ['Centro', 'Jundiapeba'], default: 'Centro',
    });
    expect(specOf({ ...EMPTY_FIELDS, name: 'tributo', optionsKind: 'sql', optionsText: 'select distinct tributo from divida_ativa' })).toEqual({
      name: 'tributo', type: 'select', options: 'select distinct tributo from divida_ativa',
    });
    expect(specOf({ ...EMPTY_FIELDS, name: 'saldo', type: 'number', defaultText: '1.000,50' })).toEqual({ name: 'saldo', type: 'number', default: 1000.5 });
    expect(specOf({ ...EMPTY_FIELDS, name: 'desde', type: 'date', defaultText: '01/01/2026' })).toEqual({ name: 'desde', type: 'date', default: '2026-01-01' });
    expect(specOf({ ...EMPTY_FIELDS, name: 'periodo', type: 'daterange', defaultText: '01/01/2026 a 31/03/2026' })).toEqual({
      name: 'periodo', type: 'daterange', default: { inicio: '2026-01-01', fim: '2026-03-31' },
    });
    expect(specOf({ ...EMPTY_FIELDS, name: 'alertas', type: 'multiselect', optionsText: 'a\nb\nc', defaultText: 'a, c' })).toMatchObject({ default: ['a', 'c'] });
  });

  it('says what is wrong, as a message of the i18n tables with its values', () => {
    expect(specOf({ ...EMPTY_FIELDS, name: '1x', optionsText: 'a' })).toEqual({ problem: 'paramErrName', values: { name: '1x' } });
    expect(specOf({ ...EMPTY_FIELDS, name: 'x' })).toEqual({ problem: 'paramErrOptions' });
    expect(specOf({ ...EMPTY_FIELDS, name: 'x', optionsKind: 'sql' })).toEqual({ problem: 'paramErrSql' });
    expect(specOf({ ...EMPTY_FIELDS, name: 'x', optionsText: 'F\nM', defaultText: 'X' })).toEqual({ problem: 'paramErrNotOption', values: { options: 'F, M' } });
    expect(specOf({ ...EMPTY_FIELDS, name: 'x', type: 'number', defaultText: 'abc' })).toEqual({ problem: 'paramErrNumber', values: { text: 'abc' } });
    expect(specOf({ ...EMPTY_FIELDS, name: 'x', type: 'date', defaultText: '2026-13-01' })).toEqual({ problem: 'paramErrDate', values: { text: '2026-13-01' } });
    expect(specOf({ ...EMPTY_FIELDS, name: 'x', type: 'daterange', defaultText: 'ontem' })).toEqual({ problem: 'paramErrRange', values: { text: 'ontem' } });
    expect(specOf({ ...EMPTY_FIELDS, name: 'x', type: 'multiselect', optionsText: 'a\nb', defaultText: 'a, z' })).toEqual({ problem: 'paramErrOutside', values: { options: 'a, b', outside: 'z' } });
  });

  it('shows a declared parameter as the form edits it', () => {
    expect(fieldsOf({ name: 'saldo', type: 'number', default: 1000.5, required: false })).toMatchObject({ defaultText: '1000,5' });
    expect(fieldsOf({ name: 'p', type: 'daterange', default: { inicio: '2026-01-01', fim: null }, required: false })).toMatchObject({ defaultText: '01/01/2026 a ' });
    expect(specOf(fieldsOf({ name: 'p', type: 'daterange', default: { inicio: '2026-01-01', fim: null }, required: false }))).toMatchObject({ default: { inicio: '2026-01-01', fim: null } });
    expect(specOf(fieldsOf({ name: 'p', type: 'daterange', default: { inicio: null, fim: '2026-03-31' }, required: false }))).toMatchObject({ default: { inicio: null, fim: '2026-03-31' } });
    expect(fieldsOf({ name: 't', type: 'select', options: 'select 1', required: false })).toMatchObject({ optionsKind: 'sql', optionsText: 'select 1' });
  });
});
