// The banner of a page another browser tab took the workspace from (app/workspace.ts).
import { useState } from 'react';
import { useLocale } from '../i18n/i18n.ts';

export function WorkspaceDisplaced({ onTakeOver }: { onTakeOver: () => Promise<void> }) {
  const { t } = useLocale();
  const [busy, setBusy] = useState(false);
  return (
    <div className="draft-offer" role="alert" data-testid="workspace-displaced">
      <span>{t('workspaceDisplaced')}</span>
      <button
        className="primary"
        data-testid="workspace-take-over"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void onTakeOver()
            .catch(() => undefined)
            .finally(() => setBusy(false));
        }}
      >
        {t('workspaceTakeOver')}
      </button>
    </div>
  );
}
