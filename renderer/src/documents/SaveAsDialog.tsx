// "Salvar como…": title, owner and description of the notebook, and the file name they give.
// The server names the file, checks it and refuses a name already taken; that refusal becomes
// a question here ("Substituir o arquivo"), and any other refusal is shown with the form as typed.
import { useState } from 'react';
import type { SavedDocument } from '../../../main/core/api/index.ts';
import { fileNameForTitle } from '../../../main/core/documents/save-as.ts';
import { useClient } from '../client/client-context.ts';
import { apiErrorOf } from '../client/client-error.ts';
import { useLocale } from '../i18n/i18n.ts';
import { Modal } from '../shell/Modal.tsx';

export interface Identity {
  title: string;
  owner: string;
  purpose: string;
}

interface Props {
  initial: Identity;
  /** The notebook's current text, read when the form is sent. */
  text(): string;
  onSaved(saved: SavedDocument, title: string): void;
  onClose(): void;
}

export function SaveAsDialog({ initial, text, onSaved, onClose }: Props) {
  const { t } = useLocale();
  const client = useClient();
  const [identity, setIdentity] = useState(initial);
  const [fileName, setFileName] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; exists: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const shownFile = fileName ?? fileNameForTitle(identity.title);
  const set = (field: keyof Identity) => (value: string) => {
    setIdentity((all) => ({ ...all, [field]: value }));
    setError(null);
  };

  const send = async (overwrite: boolean) => {
    setBusy(true);
    try {
      const saved = await client.saveDocumentAs({ text: text(), ...identity, ...(fileName !== null ? { fileName } : {}), ...(overwrite ? { overwrite } : {}) });
      onSaved(saved, identity.title.trim());
    } catch (e: unknown) {
      const detail = apiErrorOf(e);
      setError({ message: detail.message, exists: detail.code === 'exists' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('saveAsTitle')} testId="save-as-dialog" onClose={busy ? undefined : onClose}>
      <form
        className="modal-form"
        onSubmit={(event) => {
          event.preventDefault();
          void send(false);
        }}
      >
        <label className="modal-field">
          <span>{t('saveAsDocTitle')}</span>
          <input data-testid="save-as-title" value={identity.title} autoFocus onChange={(e) => set('title')(e.target.value)} />
        </label>
        <label className="modal-field">
          <span>{t('saveAsOwner')}</span>
          <input data-testid="save-as-owner" value={identity.owner} placeholder="Secretaria de …" onChange={(e) => set('owner')(e.target.value)} />
        </label>
        <label className="modal-field">
          <span>{t('saveAsPurpose')}</span>
          <textarea data-testid="save-as-purpose" rows={3} value={identity.purpose} onChange={(e) => set('purpose')(e.target.value)} />
        </label>
        <label className="modal-field">
          <span>{t('saveAsFile')}</span>
          <input
            data-testid="save-as-file"
            value={shownFile}
            spellCheck={false}
            onChange={(e) => {
              setFileName(e.target.value);
              setError(null);
            }}
          />
        </label>
        <p className="modal-note">{t('saveAsNote')}</p>
        {error && (
          <p className="modal-note danger-text" role="alert" data-testid="save-as-error">
            {error.message}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            {t('cancel')}
          </button>
          {error?.exists && (
            <button type="button" className="danger" data-testid="save-as-overwrite" disabled={busy} onClick={() => void send(true)}>
              {t('saveAsOverwrite')}
            </button>
          )}
          <button type="submit" className="primary" data-testid="save-as-submit" disabled={busy}>
            {t('save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
