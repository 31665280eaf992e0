// Asking for the purpose before identifiers are shown: mandatory, logged with the query.
import { useState } from 'react';
import { apiErrorOf } from '../client/client-error.ts';
import { useLocale } from '../i18n/i18n.ts';
import { Modal } from '../shell/Modal.tsx';

export const MIN_PURPOSE_LENGTH = 10;

interface Props {
  onUnmask(purpose: string): Promise<void>;
  onClose(): void;
}

export function UnmaskDialog({ onUnmask, onClose }: Props) {
  const { t } = useLocale();
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const enough = purpose.trim().length >= MIN_PURPOSE_LENGTH;
  return (
    <Modal title={t('unmaskTitle')} testId="unmask-dialog" onClose={busy ? undefined : onClose}>
      <form
        className="modal-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!enough || busy) return;
          setBusy(true);
          setError(null);
          onUnmask(purpose.trim()).then(onClose, (e: unknown) => {
            setBusy(false);
            setError(apiErrorOf(e).message);
          });
        }}
      >
        <p className="modal-note">{t('unmaskLgpd')}</p>
        <label className="modal-field">
          <span>{t('purposeLabel')}</span>
          <textarea data-testid="unmask-purpose" rows={3} autoFocus value={purpose} placeholder={t('purposePlaceholder')} onChange={(e) => setPurpose(e.target.value)} />
        </label>
        <p className={enough ? 'modal-hint' : 'modal-hint warn-text'}>{t('purposeMinimum', { n: MIN_PURPOSE_LENGTH })}</p>
        {error && (
          <p className="danger-text" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" disabled={busy} onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" data-testid="unmask-confirm" disabled={!enough || busy}>
            {t('unmask')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
