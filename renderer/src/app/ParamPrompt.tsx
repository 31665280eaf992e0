// `$name` in the SQL tab: before a run, a small form asks each parameter's value (remembered
// per tab, offered again next time). The core binds them by name and types each from the
// prepared statement (`2026-01-01` becomes a DATE where the SQL compares it with one).
import { useState } from 'react';
import { tokenize } from '../../../main/core/sql/lexer.ts';
import { Modal } from '../shell/Modal.tsx';
import { useLocale } from '../i18n/i18n.ts';

/** The named parameters of a script, in order of first use (`$1` and `?` are positional: not asked). */
export function sqlParamNames(sql: string): string[] {
  const names = tokenize(sql).flatMap((token) => (token.kind === 'param' && /^[A-Za-z_]/.test(token.value) ? [token.value] : []));
  return [...new Set(names)];
}

interface Props {
  names: string[];
  remembered: Record<string, string>;
  onRun(values: Record<string, string>): void;
  onClose(): void;
}

export function ParamPrompt({ names, remembered, onRun, onClose }: Props) {
  const { t } = useLocale();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(names.map((name) => [name, remembered[name] ?? ''])));
  return (
    <Modal title={t('paramPromptTitle')} testId="param-prompt" onClose={onClose}>
      <form
        className="modal-form"
        onSubmit={(event) => {
          event.preventDefault();
          onRun(values);
        }}
      >
        {names.map((name, i) => (
          <label key={name} className="modal-field">
            <span>${name}</span>
            <input
              data-testid={`param-prompt-${name}`}
              value={values[name] ?? ''}
              required
              autoFocus={i === 0}
              onChange={(e) => setValues((all) => ({ ...all, [name]: e.target.value }))}
            />
          </label>
        ))}
        <p className="modal-note">{t('paramPromptNote')}</p>
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" data-testid="param-prompt-run">
            {t('run')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
