// The main area's tab model: documents and the audit tab open, close and take the view as a
// user expects, without any id being parsed.
import { describe, expect, it } from 'vitest';
import { NO_MAIN_TABS, isShown, mainTabsReducer, persistedTabs, type MainTabs, type MainTabsAction } from '../../renderer/src/app/main-tabs.ts';

const apply = (...actions: MainTabsAction[]): MainTabs => actions.reduce(mainTabsReducer, NO_MAIN_TABS);
const divida = { path: 'divida-ativa.md', title: 'Dívida ativa', mode: 'panel' as const };
const obras = { path: 'obras.md', title: 'Obras', mode: 'panel' as const };

describe('main tabs', () => {
  it('opens a document once, in view; opening it again only changes its mode', () => {
    const state = apply({ type: 'openDocument', document: divida }, { type: 'openDocument', document: obras }, { type: 'openDocument', document: { ...divida, mode: 'notebook' } });
    expect(state.documents.map((d) => [d.path, d.mode])).toEqual([['divida-ativa.md', 'notebook'], ['obras.md', 'panel']]);
    expect(state.view).toEqual({ kind: 'document', path: 'divida-ativa.md' });
    expect(isShown(state, { kind: 'document', path: 'divida-ativa.md' })).toBe(true);
    expect(isShown(state, { kind: 'document', path: 'obras.md' })).toBe(false);
  });

  it('closing the document in view goes back to the SQL tabs; closing another keeps the view', () => {
    const open = apply({ type: 'openDocument', document: divida }, { type: 'openDocument', document: obras });
    expect(mainTabsReducer(open, { type: 'closeDocument', path: 'divida-ativa.md' }).view).toEqual({ kind: 'document', path: 'obras.md' });
    expect(mainTabsReducer(open, { type: 'closeDocument', path: 'obras.md' }).view).toEqual({ kind: 'sql' });
  });

  it('opens and closes the audit tab', () => {
    const audit = apply({ type: 'openDocument', document: divida }, { type: 'openAudit' });
    expect(audit).toMatchObject({ auditOpen: true, view: { kind: 'audit' } });
    expect(mainTabsReducer(audit, { type: 'closeAudit' })).toMatchObject({ auditOpen: false, view: { kind: 'sql' } });
    const elsewhere = mainTabsReducer(audit, { type: 'show', view: { kind: 'document', path: 'divida-ativa.md' } });
    expect(mainTabsReducer(elsewhere, { type: 'closeAudit' }).view).toEqual({ kind: 'document', path: 'divida-ativa.md' });
  });

  it('changes one document mode without touching the others', () => {
    const state = apply({ type: 'openDocument', document: divida }, { type: 'openDocument', document: obras }, { type: 'setMode', path: 'obras.md', mode: 'notebook' });
    expect(state.documents.map((d) => d.mode)).toEqual(['panel', 'notebook']);
  });

  it('a new notebook saved as a file becomes that document in the same place; a reload reopens only files', () => {
    const untitled = { path: 'novo-notebook-1', title: 'Novo notebook', mode: 'notebook' as const, untitled: true };
    const open = apply({ type: 'openDocument', document: divida }, { type: 'openDocument', document: untitled }, { type: 'openDocument', document: obras });
    expect(persistedTabs(open).documents.map((d) => d.path)).toEqual(['divida-ativa.md', 'obras.md']);
    const shown = mainTabsReducer(open, { type: 'show', view: { kind: 'document', path: 'novo-notebook-1' } });
    expect(persistedTabs(shown).view).toEqual({ kind: 'sql' });
    const saved = mainTabsReducer(shown, { type: 'replaceDocument', path: 'novo-notebook-1', document: { path: 'pessoas.md', title: 'Pessoas', mode: 'notebook' } });
    expect(saved.documents.map((d) => d.path)).toEqual(['divida-ativa.md', 'pessoas.md', 'obras.md']);
    expect(saved.view).toEqual({ kind: 'document', path: 'pessoas.md' });
    expect(persistedTabs(saved)).toBe(saved);
    // Saved over a file that was open in another tab: one tab for it, not two.
    const over = mainTabsReducer(shown, { type: 'replaceDocument', path: 'novo-notebook-1', document: { path: 'obras.md', title: 'Obras', mode: 'notebook' } });
    expect(over.documents.map((d) => d.path)).toEqual(['divida-ativa.md', 'obras.md']);
  });
});
