// The parameters form: one parameter at a time (picked from the list, or a new one), written
// into the front matter's `params:` with the core's edit (one line per parameter; the rest of
// the file untouched). A bad value is said in Portuguese and the form keeps what was typed.
import { useState } from 'react';
import { useDocumentList } from '../gallery/use-document-list.ts';
import { setFrontMatterParam } from '../../../main/core/documents/edit.ts';
import type { ParamType } from '../../../main/core/documents/types.ts';
import { useLocale, type MessageKey } from '../i18n/i18n.ts';
import { Modal } from '../shell/Modal.tsx';
import { EMPTY_FIELDS, fieldsOf, PARAM_TYPES, specOf, type ParamFields } from './param-form.ts';
import type { DocumentHandle } from './use-document.ts';

interface Props {
  handle: DocumentHandle;
  onClose(): void;
}

export function ParamsDialog({ handle, onClose }: Props) {
  const { t } = useLocale();
  const declared = handle.doc?.frontMatter?.params ?? [];
  const [editing, setEditing] = useState<string | null>(declared[0]?.name ?? null);
  const [fields, setFields] = useState<ParamFields>(() => (declared[0] ? fieldsOf(declared[0]) : EMPTY_FIELDS));
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  // The `.sql` documents of the queries folder, for options read from a saved query.
  const savedQueries = useDocumentList(0)?.filter((doc) => doc.kind === 'sql') ?? null;
  const set = <K extends keyof ParamFields>(key: K, value: ParamFields[K]) => {
    setFields((all) => ({ ...all, [key]: value }));
    setError(null);
    setNote(null);
  };
  // A list or SQL carries over between those two; a saved query's path does not mix with them.
  const changeOptionsKind = (kind: ParamFields['optionsKind']) => {
    if (kind === 'saved' || fields.optionsKind === 'saved') set('optionsText', '');
    set('optionsKind', kind);
  };
  const pick = (name: string | null) => {
    const spec = declared.find((p) => p.name === name);
    setEditing(spec ? spec.name : null);
    setFields(spec ? fieldsOf(spec) : EMPTY_FIELDS);
    setError(null);
    setNote(null);
  };

  const apply = () => {
    const doc = handle.current();
    if (!doc) return;
    const spec = specOf(fields);
    if ('problem' in spec) return setError(t(spec.problem, spec.values));
    if (spec.name !== editing && declared.some((p) => p.name === spec.name)) return setError(t('paramErrTaken', { name: spec.name }));
    const previous = declared.find((p) => p.name === editing);
    const { name, ...rest } = spec;
    let next = editing !== null && editing !== name ? setFrontMatterParam(doc, editing, undefined) : doc;
    next = setFrontMatterParam(next, name, { ...rest, required: previous?.required ?? false });
    // The core's own check of the spec (param-specs.ts) has the last word.
    const problem = next.problems.find((p) => !doc.problems.some((q) => q.message === p.message));
    if (problem) return setError(problem.message);
    handle.edit(() => next);
    setEditing(name);
    setNote(t('paramApplied', { name }));
  };

  const remove = () => {
    if (editing === null) return;
    const name = editing;
    handle.edit((doc) => setFrontMatterParam(doc, name, undefined));
    pick(null);
  };

  const listed = fields.type === 'select' || fields.type === 'multiselect';
  return (
    <Modal title={t('paramsTitle')} testId="params-dialog" onClose={onClose}>
      <div className="params-picker" role="group" aria-label={t('paramsTitle')}>
        {declared.length === 0 && <span className="muted">{t('paramsNone')}</span>}
        {declared.map((p) => (
          <button key={p.name} type="button" className={p.name === editing ? 'chip active' : 'chip'} aria-pressed={p.name === editing} data-testid={`param-pick-${p.name}`} onClick={() => pick(p.name)}>
            ${p.name}
          </button>
        ))}
        <button type="button" className={editing === null ? 'chip active' : 'chip'} data-testid="param-new" onClick={() => pick(null)}>
          {t('paramsNew')}
        </button>
      </div>
      <form
        className="modal-form"
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
      >
        <div className="form-row">
          <label className="modal-field">
            <span>{t('paramName')}</span>
            <input data-testid="param-name" value={fields.name} spellCheck={false} autoFocus onChange={(e) => set('name', e.target.value)} />
          </label>
          <label className="modal-field">
            <span>{t('paramType')}</span>
            <select data-testid="param-type" value={fields.type} onChange={(e) => set('type', e.target.value as ParamType)}>
              {PARAM_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`paramType_${type}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="form-row">
          <label className="modal-field">
            <span>{t('paramLabel')}</span>
            <input data-testid="param-label" value={fields.label} onChange={(e) => set('label', e.target.value)} />
          </label>
          <label className="modal-field">
            <span>{t('paramDefault')}</span>
            <input data-testid="param-default" value={fields.defaultText} title={t('paramDefaultHint')} onChange={(e) => set('defaultText', e.target.value)} />
          </label>
        </div>
        <p className="modal-hint">{t('paramDefaultHint')}</p>
        {listed && (
          <div className="form-row">
            <label className="modal-field options-kind">
              <span>{t('paramOptionsKind')}</span>
              <select data-testid="param-options-kind" value={fields.optionsKind} onChange={(e) => changeOptionsKind(e.target.value as ParamFields['optionsKind'])}>
                <option value="list">{t('paramOptionsList')}</option>
                <option value="sql">{t('paramOptionsSql')}</option>
                <option value="saved">{t('paramOptionsSaved')}</option>
              </select>
            </label>
            {fields.optionsKind === 'saved' ? (
              <label className="modal-field options-text">
                <span>{t('paramOptionsSavedQuery')}</span>
                <select data-testid="param-options-saved" value={fields.optionsText} onChange={(e) => set('optionsText', e.target.value)}>
                  <option value="">{savedQueries?.length === 0 ? t('paramOptionsNoSaved') : '—'}</option>
                  {(savedQueries ?? []).map((saved) => (
                    <option key={saved.path} value={saved.path}>
                      {saved.title === saved.path ? saved.path : `${saved.title} (${saved.path})`}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <label className="modal-field options-text">
                <span>{fields.optionsKind === 'list' ? t('paramOptions') : t('paramOptionsQuery')}</span>
                <textarea data-testid="param-options" rows={3} spellCheck={false} value={fields.optionsText} onChange={(e) => set('optionsText', e.target.value)} />
              </label>
            )}
          </div>
        )}
        {error && (
          <p className="modal-note danger-text" role="alert" data-testid="params-error">
            {error}
          </p>
        )}
        {note && (
          <p className="modal-note" role="status" data-testid="params-note">
            {note}
          </p>
        )}
        <div className="modal-actions">
          {editing !== null && (
            <button type="button" className="danger" data-testid="param-remove" onClick={remove}>
              {t('paramRemove')}
            </button>
          )}
          <button type="button" data-testid="params-close" onClick={onClose}>
            {t('close')}
          </button>
          <button type="submit" className="primary" data-testid="param-apply">
            {t('paramApply')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
